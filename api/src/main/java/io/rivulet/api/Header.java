package io.rivulet.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record header: a string key and a byte value. Immutable: the value is copied in and out, so
 * neither the sender nor a reader can change a header another party holds.
 *
 * <p>Keys may repeat within a record; the value may be {@code null}, as in Kafka.
 */
public final class Header {
    private final String key;
    private final byte[] value;

    private Header(String key, byte[] value) {
        this.key = Objects.requireNonNull(key, "header key");
        this.value = value == null ? null : value.clone();
    }

    /** A header with a copy of {@code value}. */
    public static Header of(String key, byte[] value) {
        return new Header(key, value);
    }

    /** The key. */
    public String key() {
        return key;
    }

    /** A copy of the value, or {@code null}. */
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header other && key.equals(other.key) && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Header[" + key + "=" + (value == null ? "null" : value.length + " bytes") + "]";
    }
}
