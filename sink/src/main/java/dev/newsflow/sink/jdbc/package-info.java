@NullMarked
package dev.newsflow.sink.jdbc;

import org.jspecify.annotations.NullMarked;
