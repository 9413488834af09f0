@NullMarked
package dev.newsflow.enrich.topology;

import org.jspecify.annotations.NullMarked;
