@NullMarked
package dev.newsflow.enrich.lang;

import org.jspecify.annotations.NullMarked;
