@NullMarked
package dev.newsflow.core.kafka;

import org.jspecify.annotations.NullMarked;
