package io.rivulet.api;

import io.rivulet.api.errors.InvalidTopicException;

/**
 * The rule for topic names, Kafka's own: 1 to {@value #MAX_LENGTH} characters of
 * {@code [a-zA-Z0-9._-]}, and neither {@code "."} nor {@code ".."}.
 *
 * <p>The limit keeps a partition's directory name ({@code <topic>-<partition>}) within the 255 bytes
 * most file systems allow; the excluded names would be read as the current and parent directory.
 */
public final class TopicNames {
    /** The longest allowed name. */
    public static final int MAX_LENGTH = 249;

    /** The last name validated (benign race: any thread's last valid name is as good). */
    private static volatile String lastValid = "-";

    private TopicNames() {
    }

    /**
     * Returns {@code name} unchanged if it is a valid topic name.
     *
     * @throws InvalidTopicException saying which rule {@code name} breaks, e.g.
     *         {@code topic 'a b' is invalid: only [a-zA-Z0-9._-] are allowed}
     */
    public static String validate(String name) {
        // Every record carries its topic name; a stream's records share one String instance, so the
        // last name that passed is remembered by identity and not scanned again.
        if (name == lastValid) {
            return name;
        }
        if (name == null) {
            throw new InvalidTopicException(null, "a topic name is required");
        }
        if (name.isEmpty()) {
            throw new InvalidTopicException(name, "it must not be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidTopicException(name, "'.' and '..' are reserved");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidTopicException(name, "it has " + name.length()
                    + " characters and the limit is " + MAX_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isAllowed(name.charAt(i))) {
                throw new InvalidTopicException(name, "only [a-zA-Z0-9._-] are allowed");
            }
        }
        lastValid = name;
        return name;
    }

    /** Whether {@link #validate(String)} would accept {@code name}. */
    public static boolean isValid(String name) {
        try {
            validate(name);
            return true;
        } catch (InvalidTopicException e) {
            return false;
        }
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }
}
