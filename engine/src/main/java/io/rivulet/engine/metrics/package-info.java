/**
 * Micrometer meters for every path of the engine, in a Prometheus registry a node serves on
 * {@code /metrics}: {@link io.rivulet.engine.metrics.EngineMetrics} owns them (one per engine);
 * {@link io.rivulet.engine.metrics.PartitionMeters} is what a partition and its readers record on the hot
 * path; {@link io.rivulet.engine.metrics.GroupMetrics} what the group coordinator feeds;
 * {@link io.rivulet.engine.metrics.ListenerMetrics} what the network listeners feed; and
 * {@link io.rivulet.engine.metrics.StallWatch} reports streams and producers that wait too long. Every
 * meter is listed in {@code docs/metrics.md}.
 */
package io.rivulet.engine.metrics;
