@NullMarked
package dev.newsflow.ingest.url;

import org.jspecify.annotations.NullMarked;
