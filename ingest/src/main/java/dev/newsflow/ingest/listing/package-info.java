/**
 * Listing pages (home, section, tag pages) as sources: {@link
 * dev.newsflow.ingest.listing.ArticleLinkFinder} finds the article links on a page, scored with a
 * reason, automatically or by a source's {@link dev.newsflow.core.feed.LinkRules}.
 */
@NullMarked
package dev.newsflow.ingest.listing;

import org.jspecify.annotations.NullMarked;
