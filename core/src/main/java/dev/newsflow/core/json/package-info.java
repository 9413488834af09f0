@NullMarked
package dev.newsflow.core.json;

import org.jspecify.annotations.NullMarked;
