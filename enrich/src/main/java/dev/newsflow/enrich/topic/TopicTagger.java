package dev.newsflow.enrich.topic;

import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.article.TopicTag;
import java.util.List;

/** Assigns IPTC Media Topics to an article. Implementations are thread-safe and do no I/O. */
public interface TopicTagger {
    /** Returns the topics of {@code article} in {@code language}, best first; empty when unsure. */
    List<TopicTag> tag(RawArticle article, Language language);

    /** A tagger that assigns no topic. */
    static TopicTagger none() {
        return (article, language) -> List.of();
    }
}
