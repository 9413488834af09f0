@NullMarked
package dev.newsflow.core.http;

import org.jspecify.annotations.NullMarked;
