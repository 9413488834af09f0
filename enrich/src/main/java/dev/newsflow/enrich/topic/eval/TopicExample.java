package dev.newsflow.enrich.topic.eval;

import dev.newsflow.core.article.IptcTopic;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One labelled text of a topic benchmark.
 *
 * @param dataset {@code sib-200} or {@code masakhanews}
 * @param language the text's language as the tagger sees it (ISO 639-1 where there is one, e.g.
 *     {@code en}, {@code zh}; {@code pcm} for Nigerian Pidgin)
 * @param set the dataset's own language folder, e.g. {@code zho_Hant}, {@code hau}
 * @param label the dataset's own label, e.g. {@code science/technology}
 * @param topic the IPTC topic {@code label} maps to; null when it has none (SIB-200 geography)
 * @param title the headline, empty when the set has none
 * @param text the text
 * @param url the article's URL, empty when the set has none
 * @param id the dataset's own id of the text, empty when it has none; SIB-200's {@code index_id}
 *     names a FLORES-200 sentence, the same in every language (the texts are translations)
 */
public record TopicExample(
        String dataset,
        String language,
        String set,
        String label,
        @Nullable IptcTopic topic,
        String title,
        String text,
        String url,
        String id) {
    /** An example without an id. */
    public TopicExample(
            String dataset,
            String language,
            String set,
            String label,
            @Nullable IptcTopic topic,
            String title,
            String text,
            String url) {
        this(dataset, language, set, label, topic, title, text, url, "");
    }

    public TopicExample {
        Objects.requireNonNull(dataset, "dataset can't be null");
        Objects.requireNonNull(language, "language can't be null");
        Objects.requireNonNull(set, "set can't be null");
        Objects.requireNonNull(label, "label can't be null");
        Objects.requireNonNull(title, "title can't be null");
        Objects.requireNonNull(text, "text can't be null");
        Objects.requireNonNull(url, "url can't be null");
        Objects.requireNonNull(id, "id can't be null");
    }

    /** The IPTC topic of the label, empty when the label has no IPTC top-level equivalent. */
    public Optional<IptcTopic> findTopic() {
        return Optional.ofNullable(topic);
    }

    /** Title and text, as the model reads them. */
    public String titleAndText() {
        return title.isEmpty() ? text : title + "\n\n" + text;
    }
}
