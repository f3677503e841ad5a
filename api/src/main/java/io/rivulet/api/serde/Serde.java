package io.rivulet.api.serde;

import java.util.Objects;
import java.util.function.Function;

/**
 * Turns values of type {@code T} into bytes and back: the pair of Kafka's {@code Serializer} and
 * {@code Deserializer} in one type.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>{@code null} passes through: {@code serialize(null)} and {@code deserialize(null)} return
 *       {@code null} (a record may have no key, and a {@code null} value is a tombstone);</li>
 *   <li>thread-safe: one serde is shared by every record of a producer or consumer and may be called
 *       from several threads at once;</li>
 *   <li>non-blocking and pure: it runs on the engine's I/O threads;</li>
 *   <li>failures are thrown; the engine wraps them in {@link io.rivulet.api.errors.SerializationException}
 *       naming the topic, partition and offset.</li>
 * </ul>
 *
 * @param <T> the type of keys or values
 */
public interface Serde<T> {

    /** The bytes of {@code value}, or {@code null} when {@code value} is {@code null}. */
    byte[] serialize(T value);

    /**
     * The value encoded in {@code bytes}, or {@code null} when {@code bytes} is {@code null}.
     * The array belongs to the caller for the duration of the call only: copy what you keep.
     */
    T deserialize(byte[] bytes);

    /**
     * A serde from two functions; {@code null} is passed through without calling them, so they need
     * not handle it. {@code name} appears in {@code toString()} and error messages.
     */
    static <T> Serde<T> of(String name, Function<? super T, byte[]> serializer, Function<byte[], ? extends T> deserializer) {
        return new FunctionSerde<>(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(serializer, "serializer"), Objects.requireNonNull(deserializer, "deserializer"));
    }
}
