@NullMarked
package dev.newsflow.ingest.fetch;

import org.jspecify.annotations.NullMarked;
