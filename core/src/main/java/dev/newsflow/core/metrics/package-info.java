@NullMarked
package dev.newsflow.core.metrics;

import org.jspecify.annotations.NullMarked;
