@NullMarked
package dev.newsflow.ingest.publish;

import org.jspecify.annotations.NullMarked;
