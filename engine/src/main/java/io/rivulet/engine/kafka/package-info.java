/**
 * The Kafka door: a listener that speaks the Apache Kafka wire protocol, so stock Kafka clients, Kafka's tools
 * and kcat produce to and consume from a Rivulet node unchanged.
 *
 * <p>The codec is kafka-clients' own generated message classes at one pinned version. This package (and its
 * subpackages) is the only place that imports {@code org.apache.kafka}; the build relocates those classes into
 * the engine's jar, so an application that embeds Rivulet may bring any kafka-clients version of its own.
 *
 * <p>Layout: {@link io.rivulet.engine.kafka.KafkaListener} accepts connections; each
 * {@link io.rivulet.engine.kafka.KafkaConnection} parses frames ({@link io.rivulet.engine.kafka.RequestParser}),
 * hands each request to the {@link io.rivulet.engine.kafka.ApiHandler} that {@link io.rivulet.engine.kafka.KafkaApis}
 * names for its API, and writes the answers in request order ({@link io.rivulet.engine.kafka.ResponseWriter}).
 * What the listener advertises is {@link io.rivulet.engine.kafka.ApiTable}, kept by hand.
 */
package io.rivulet.engine.kafka;
