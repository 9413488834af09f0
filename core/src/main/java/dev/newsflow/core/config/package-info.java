@NullMarked
package dev.newsflow.core.config;

import org.jspecify.annotations.NullMarked;
