@NullMarked
package dev.newsflow.core.feed;

import org.jspecify.annotations.NullMarked;
