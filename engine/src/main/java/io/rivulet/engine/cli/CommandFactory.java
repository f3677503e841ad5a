package io.rivulet.engine.cli;

import picocli.CommandLine;

import java.lang.reflect.Constructor;

/**
 * Creates command objects for picocli, handing the {@link CommandContext} to those whose constructor
 * takes one; everything else (mixins, converters, collections) comes from picocli's default factory.
 */
final class CommandFactory implements CommandLine.IFactory {
    private final CommandContext context;

    CommandFactory(CommandContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> withContext;
        try {
            withContext = type.getDeclaredConstructor(CommandContext.class);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
        withContext.setAccessible(true);
        return withContext.newInstance(context);
    }
}
