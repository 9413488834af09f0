@NullMarked
package dev.newsflow.enrich.dedup;

import org.jspecify.annotations.NullMarked;
