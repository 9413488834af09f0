@NullMarked
package dev.newsflow.enrich.topic;

import org.jspecify.annotations.NullMarked;
