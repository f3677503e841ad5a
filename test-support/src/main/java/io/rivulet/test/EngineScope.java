package io.rivulet.test;

/** How long an engine given by {@link RivuletExtension} lives. */
public enum EngineScope {
    /** A new engine on a new directory for every test method (the default): tests cannot see each other's data. */
    PER_TEST,
    /** One engine for all tests of a class (and its {@code @Nested} classes): faster, but tests share topics and groups. */
    PER_CLASS
}
