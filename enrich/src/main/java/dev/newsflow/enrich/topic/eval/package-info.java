/**
 * Reading the topic benchmark sets (SIB-200, MasakhaNEWS), mapping their labels to IPTC Media
 * Topics, and scoring a {@link dev.newsflow.enrich.topic.TopicTagger} on them. Used by the training
 * program and the {@code newsflow topics eval} command, never by the service.
 */
@NullMarked
package dev.newsflow.enrich.topic.eval;

import org.jspecify.annotations.NullMarked;
