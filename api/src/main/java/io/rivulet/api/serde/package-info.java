/**
 * Serdes turn keys and values into the bytes the log stores, and back.
 * {@link io.rivulet.api.serde.Serdes} holds the built-ins, byte-compatible with Kafka's serializers.
 */
package io.rivulet.api.serde;
