/**
 * The internals of {@link dev.newsflow.ingest.feed.FeedParser}: charset decisions, XML repair, the
 * hardened XML reader, the RSS/Atom (Rome), JSON Feed and sitemap (crawler-commons) readers, dates
 * and text. Not an API: only {@code ingest.feed} uses it.
 */
@NullMarked
package dev.newsflow.ingest.feed.parse;

import org.jspecify.annotations.NullMarked;
