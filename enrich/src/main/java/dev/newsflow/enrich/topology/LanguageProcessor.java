package dev.newsflow.enrich.topology;

import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.TopicTag;
import dev.newsflow.core.json.Json;
import dev.newsflow.enrich.EnrichMetrics;
import dev.newsflow.enrich.lang.LanguageDetector;
import dev.newsflow.enrich.topic.TopicTagger;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Tags the language and the topics of a revision. */
final class LanguageProcessor implements Processor<String, Revisioned, String, Object> {
    private final LanguageDetector detector;
    private final TopicTagger tagger;
    private final EnrichMetrics metrics;
    private ProcessorContext<String, Object> context;

    LanguageProcessor(LanguageDetector detector, TopicTagger tagger, EnrichMetrics metrics) {
        this.detector = detector;
        this.tagger = tagger;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Revisioned> record) {
        Revisioned r = record.value();
        try {
            Language language = detector.detect(r.raw());
            metrics.language(language.code());
            List<TopicTag> topics = tagger.tag(r.raw(), language);
            metrics.topics(topics);
            context.forward(
                    record.withValue(new Tagged(r, language, topics)), EnrichTopology.CLUSTER);
        } catch (RuntimeException e) {
            Dlq.send(context, metrics, record, Json.toBytes(r.raw()), "language", "exception", e);
        }
    }
}
