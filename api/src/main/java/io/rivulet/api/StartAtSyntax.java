package io.rivulet.api;

import io.rivulet.api.errors.InvalidOffsetException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The text forms of {@link StartAt}, kept apart so the interface reads as the concept. */
final class StartAtSyntax {
    static final String FORMS = "use earliest, latest, offset:N or time:ISO-8601 (e.g. time:2024-05-01T12:00:00Z)";

    private StartAtSyntax() {
    }

    static StartAt parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("earliest")) {
            return StartAt.earliest();
        }
        if (lower.equals("latest")) {
            return StartAt.latest();
        }
        if (lower.startsWith("offset:")) {
            return parseOffset(text, text.substring("offset:".length()).trim());
        }
        if (lower.startsWith("time:")) {
            return parseTime(text, text.substring("time:".length()).trim());
        }
        throw invalid(text, null);
    }

    private static StartAt parseOffset(String text, String digits) {
        long offset;
        try {
            offset = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw invalid(text, e);
        }
        if (offset < 0) {
            throw new InvalidOffsetException("invalid start position '" + text + "': the offset must be >= 0");
        }
        return StartAt.offset(offset);
    }

    private static StartAt parseTime(String text, String time) {
        Instant instant;
        try {
            instant = Instant.parse(time.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException notAnInstant) {
            try {
                instant = OffsetDateTime.parse(time.toUpperCase(Locale.ROOT)).toInstant();
            } catch (DateTimeParseException e) {
                throw invalid(text, e);
            }
        }
        if (instant.isBefore(Instant.EPOCH)) {
            throw new InvalidOffsetException("invalid start position '" + text + "': the time must not be before 1970");
        }
        return StartAt.timestamp(instant);
    }

    private static InvalidOffsetException invalid(String text, Throwable cause) {
        return new InvalidOffsetException("invalid start position '" + text + "': " + FORMS, cause);
    }
}
