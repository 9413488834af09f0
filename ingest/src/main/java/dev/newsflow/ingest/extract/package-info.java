/**
 * Page extraction: from the bytes of an article page to its main text, sanitised HTML and metadata.
 * The entry point is {@link dev.newsflow.ingest.extract.ArticleExtractor}, which returns an {@link
 * dev.newsflow.ingest.extract.ExtractedPage} with an {@link
 * dev.newsflow.ingest.extract.ExtractOutcome} for every input; {@link
 * dev.newsflow.ingest.extract.HtmlText} turns HTML fragments (feed content) into text. Everything
 * else here is internal.
 */
@NullMarked
package dev.newsflow.ingest.extract;

import org.jspecify.annotations.NullMarked;
