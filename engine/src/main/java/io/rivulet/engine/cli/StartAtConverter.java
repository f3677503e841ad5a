package io.rivulet.engine.cli;

import io.rivulet.api.StartAt;
import io.rivulet.api.errors.RivuletException;
import picocli.CommandLine;

/** {@code --from earliest|latest|offset:N|time:ISO-8601}, read by {@link StartAt#parse(String)}. */
final class StartAtConverter implements CommandLine.ITypeConverter<StartAt> {
    @Override
    public StartAt convert(String value) {
        try {
            return StartAt.parse(value);
        } catch (RivuletException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
