package io.rivulet.storage.batch;

import java.util.Arrays;
import java.util.List;

/** A record as plain values, for comparing what went in with what came out. */
public record TestRecord(long timestamp, byte[] key, byte[] value, List<RecordHeader> headers) {

    public static TestRecord of(BatchRecord r) {
        return new TestRecord(r.timestamp(), r.key(), r.value(), r.headers());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestRecord t && timestamp == t.timestamp && Arrays.equals(key, t.key)
                && Arrays.equals(value, t.value) && headers.equals(t.headers);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timestamp) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "TestRecord[ts=" + timestamp + ", key=" + (key == null ? "null" : key.length + "B")
                + ", value=" + (value == null ? "null" : value.length + "B") + ", headers=" + headers + "]";
    }
}
