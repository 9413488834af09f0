package dev.newsflow.enrich.topology;

import dev.newsflow.core.article.RawArticle;

/**
 * A raw article that passed dedup, with the revision it becomes and its content hash.
 *
 * @param raw the article
 * @param revision 1 for a new id, else the previous revision + 1
 * @param contentHash its content hash
 * @param folded the text the content hash was taken of ({@link
 *     dev.newsflow.enrich.dedup.ContentHash#folded}), which clustering shingles
 */
record Revisioned(RawArticle raw, int revision, String contentHash, String folded) {}
