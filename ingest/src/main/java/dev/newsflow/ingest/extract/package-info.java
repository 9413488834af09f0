@NullMarked
package dev.newsflow.ingest.extract;

import org.jspecify.annotations.NullMarked;
