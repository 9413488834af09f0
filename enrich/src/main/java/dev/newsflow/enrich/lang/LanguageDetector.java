package dev.newsflow.enrich.lang;

import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.RawArticle;

/** Decides the language of an article. Implementations are thread-safe. */
public interface LanguageDetector {
    /** Returns the language of {@code article}, {@code und} when unsure. */
    Language detect(RawArticle article);
}
