/**
 * Enrich: the Kafka Streams application that turns raw articles into enriched ones (dedup,
 * revisions, language, later clusters and topics). {@link dev.newsflow.enrich.EnrichApp} is the
 * wiring; {@link dev.newsflow.enrich.topology.EnrichTopology} builds the topology.
 */
@NullMarked
package dev.newsflow.enrich;

import org.jspecify.annotations.NullMarked;
