package io.rivulet.engine.cli;

import io.rivulet.api.Acks;
import io.rivulet.api.errors.RivuletException;
import picocli.CommandLine;

/** {@code --acks 0|1|all}, read by {@link Acks#parse(String)}. */
final class AcksConverter implements CommandLine.ITypeConverter<Acks> {
    @Override
    public Acks convert(String value) {
        try {
            return Acks.parse(value);
        } catch (RivuletException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
