package dev.newsflow.core.article;

/**
 * An IPTC Media Topic assigned to an article.
 *
 * @param code IPTC Media Topic code, e.g. {@code medtop:11000000}
 * @param label the topic's English label, e.g. {@code politics}
 * @param score 0 to 1
 */
public record TopicTag(String code, String label, double score) {}
