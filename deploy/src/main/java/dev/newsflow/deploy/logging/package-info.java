@NullMarked
package dev.newsflow.deploy.logging;

import org.jspecify.annotations.NullMarked;
