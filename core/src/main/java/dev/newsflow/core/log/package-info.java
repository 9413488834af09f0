@NullMarked
package dev.newsflow.core.log;

import org.jspecify.annotations.NullMarked;
