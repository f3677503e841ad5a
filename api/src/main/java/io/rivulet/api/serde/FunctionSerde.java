package io.rivulet.api.serde;

import java.util.function.Function;

/** A {@link Serde} made of two functions, with the null pass-through every serde owes its callers. */
record FunctionSerde<T>(String name, Function<? super T, byte[]> serializer,
                        Function<byte[], ? extends T> deserializer) implements Serde<T> {

    @Override
    public byte[] serialize(T value) {
        return value == null ? null : serializer.apply(value);
    }

    @Override
    public T deserialize(byte[] bytes) {
        return bytes == null ? null : deserializer.apply(bytes);
    }

    @Override
    public String toString() {
        return "Serde[" + name + "]";
    }
}
