/**
 * Feed discovery: the feeds, JSON Feeds and sitemaps a site offers ({@link
 * dev.newsflow.ingest.feed.discover.FeedDiscovery}), found through the ingest fetch layer and
 * checked with the ingest feed parser.
 */
@NullMarked
package dev.newsflow.ingest.feed.discover;

import org.jspecify.annotations.NullMarked;
