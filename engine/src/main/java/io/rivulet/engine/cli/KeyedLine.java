package io.rivulet.engine.cli;

/**
 * A line of {@code rivulet produce} input split into key and value at the first occurrence of the key
 * separator: the key never contains the separator, the value may.
 *
 * @param key   the text before the separator, possibly empty
 * @param value the text after it, possibly empty
 */
record KeyedLine(String key, String value) {

    /** The line split at the first {@code separator}, or {@code null} when the line does not contain it. */
    static KeyedLine split(String line, String separator) {
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("the key separator must not be empty");
        }
        int at = line.indexOf(separator);
        if (at < 0) {
            return null;
        }
        return new KeyedLine(line.substring(0, at), line.substring(at + separator.length()));
    }

    /** The separator as it could be typed, with tabs and line breaks escaped, for messages. */
    static String visible(String separator) {
        return separator.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n");
    }
}
