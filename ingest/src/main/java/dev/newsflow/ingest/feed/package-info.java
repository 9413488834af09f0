@NullMarked
package dev.newsflow.ingest.feed;

import org.jspecify.annotations.NullMarked;
