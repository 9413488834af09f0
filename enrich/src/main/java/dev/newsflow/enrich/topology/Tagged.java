package dev.newsflow.enrich.topology;

import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.TopicTag;
import java.util.List;

/**
 * A revision with its language and topics, on its way to clustering.
 *
 * @param revisioned the article and its revision
 * @param language its language
 * @param topics its topics, best first
 */
record Tagged(Revisioned revisioned, Language language, List<TopicTag> topics) {}
