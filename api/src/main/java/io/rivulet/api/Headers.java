package io.rivulet.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ordered, immutable headers of a record. Adding a header returns a new {@code Headers}.
 * Thread-safe.
 */
public final class Headers implements Iterable<Header> {
    private static final Headers EMPTY = new Headers(List.of());

    private final List<Header> headers;

    private Headers(List<Header> headers) {
        this.headers = headers;
    }

    /** No headers. */
    public static Headers empty() {
        return EMPTY;
    }

    /** The given headers, in order. */
    public static Headers of(Header... headers) {
        return of(List.of(headers));
    }

    /** The given headers, in order; the list is copied. */
    public static Headers of(List<Header> headers) {
        List<Header> copy = List.copyOf(headers);
        return copy.isEmpty() ? EMPTY : new Headers(copy);
    }

    /** These headers followed by one more. */
    public Headers with(String key, byte[] value) {
        List<Header> more = new ArrayList<>(headers.size() + 1);
        more.addAll(headers);
        more.add(Header.of(key, value));
        return new Headers(Collections.unmodifiableList(more));
    }

    /** The value of the last header with {@code key} (a copy; empty also when that value is {@code null}). */
    public Optional<byte[]> lastValue(String key) {
        Objects.requireNonNull(key, "key");
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(key)) {
                return Optional.ofNullable(headers.get(i).value());
            }
        }
        return Optional.empty();
    }

    /** Every header with {@code key}, in order. */
    public List<Header> all(String key) {
        Objects.requireNonNull(key, "key");
        return headers.stream().filter(h -> h.key().equals(key)).toList();
    }

    /** All headers, in order, as an unmodifiable list. */
    public List<Header> asList() {
        return headers;
    }

    /** The number of headers. */
    public int size() {
        return headers.size();
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return headers.isEmpty();
    }

    @Override
    public Iterator<Header> iterator() {
        return headers.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers other && headers.equals(other.headers);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    @Override
    public String toString() {
        return headers.toString();
    }
}
