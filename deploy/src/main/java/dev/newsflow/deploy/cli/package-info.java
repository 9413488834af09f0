@NullMarked
package dev.newsflow.deploy.cli;

import org.jspecify.annotations.NullMarked;
