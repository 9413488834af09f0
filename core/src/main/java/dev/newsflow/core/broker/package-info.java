@NullMarked
package dev.newsflow.core.broker;

import org.jspecify.annotations.NullMarked;
