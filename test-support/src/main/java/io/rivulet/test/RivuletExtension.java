package io.rivulet.test;

import io.rivulet.api.Rivulet;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JUnit 5 extension that opens an in-process Rivulet engine on a new temporary directory before each
 * test (or once per test class), injects it as a {@link Rivulet} parameter, and afterwards closes it and
 * deletes the directory.
 *
 * <p>Use it through {@link RivuletTest}, or register it in code:
 * <pre>{@code
 * class OrdersTest {
 *     @RegisterExtension
 *     static RivuletExtension engine = RivuletExtension.perClass().config("num.partitions", "3");
 *
 *     @Test
 *     void sendsAnOrder() {
 *         Rivulet rivulet = engine.rivulet();
 *         ...
 *     }
 * }
 * }</pre>
 * A per-class extension goes in a {@code static} field; a per-test one may go in either.
 *
 * <p>Engines start from {@link #TEST_DEFAULTS} (small segments, no preallocation, so a test writes
 * kilobytes, not gigabytes); given settings override them.
 *
 * <p>Threading: tests of one class may run in parallel with a per-test scope, each with its own
 * engine through its parameter; {@link #rivulet()} returns the engine most recently opened, so use the
 * parameter when tests run in parallel.
 */
public final class RivuletExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    /** The settings every test engine starts from. */
    public static final Map<String, String> TEST_DEFAULTS = Map.of(
            "log.segment.bytes", Integer.toString(16 << 20),
            "log.preallocate", "false");

    private static final String ENGINE = "engine";

    private final ExtensionContext.Namespace namespace = ExtensionContext.Namespace.create(RivuletExtension.class, this);
    private final Map<String, String> settings = new LinkedHashMap<>(TEST_DEFAULTS);
    private final boolean declared;
    private EngineScope scope;
    private volatile TestEngine current;

    /** The extension as registered by {@link RivuletTest}; its settings come from the annotation. */
    public RivuletExtension() {
        this.declared = true;
    }

    private RivuletExtension(EngineScope scope) {
        this.declared = false;
        this.scope = scope;
    }

    /** A new engine for every test method. */
    public static RivuletExtension perTest() {
        return new RivuletExtension(EngineScope.PER_TEST);
    }

    /** One engine for all tests of the class; register it in a {@code static} field. */
    public static RivuletExtension perClass() {
        return new RivuletExtension(EngineScope.PER_CLASS);
    }

    /** Sets an engine setting (Kafka's broker names, e.g. {@code num.partitions}); returns this extension. */
    public RivuletExtension config(String key, String value) {
        settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** The engine of the running test (or class). */
    public Rivulet rivulet() {
        return engine("rivulet()").rivulet();
    }

    /** The temporary directory the engine of the running test (or class) keeps its data in. */
    public Path dataDir() {
        return engine("dataDir()").dataDir();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (scope(context) == EngineScope.PER_CLASS) {
            current = engine(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (scope(context) == EngineScope.PER_CLASS && context.getStore(namespace).get(ENGINE, TestEngine.class) == null) {
            throw new ExtensionConfigurationException("a per-class RivuletExtension must be registered in a static "
                    + "field: JUnit calls beforeAll only on static extension fields");
        }
        current = engine(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (scope(context) == EngineScope.PER_TEST) {
            closeOwnedBy(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (scope(context) == EngineScope.PER_CLASS) {
            closeOwnedBy(context);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Rivulet.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (scope(context) == EngineScope.PER_TEST && context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("a per-test Rivulet exists only while a test runs, so it cannot be "
                    + "injected into " + parameter.getDeclaringExecutable().getName() + ": take it as a parameter of the "
                    + "test or of a @BeforeEach/@AfterEach method, or use @RivuletTest(scope = EngineScope.PER_CLASS)");
        }
        return engine(context).rivulet();
    }

    /** The engine for {@code context}: the one already open here or in an enclosing context, else a new one. */
    private TestEngine engine(ExtensionContext context) {
        return context.getStore(namespace).getOrComputeIfAbsent(ENGINE, key -> TestEngine.open(settings(context)),
                TestEngine.class);
    }

    private TestEngine engine(String accessor) {
        TestEngine engine = current;
        if (engine == null) {
            throw new IllegalStateException(accessor + " is only available while a test of this extension runs");
        }
        return engine;
    }

    /** Closes the engine opened in this very context (not one inherited from an enclosing class). */
    private void closeOwnedBy(ExtensionContext context) {
        TestEngine engine = context.getStore(namespace).remove(ENGINE, TestEngine.class);
        if (engine != null) {
            if (current == engine) {
                current = null;
            }
            engine.close();
        }
    }

    private EngineScope scope(ExtensionContext context) {
        if (scope == null) {
            scope = annotation(context).map(RivuletTest::scope).orElse(EngineScope.PER_TEST);
        }
        return scope;
    }

    private Map<String, String> settings(ExtensionContext context) {
        Map<String, String> merged = new LinkedHashMap<>(settings);
        if (declared) {
            annotation(context).ifPresent(test -> {
                for (String entry : test.config()) {
                    int eq = entry.indexOf('=');
                    if (eq <= 0) {
                        throw new ExtensionConfigurationException("@RivuletTest(config) entries are key=value, but got '"
                                + entry + "'");
                    }
                    merged.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
                }
            });
        }
        return merged;
    }

    private static Optional<RivuletTest> annotation(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Optional<RivuletTest> found = c.getTestClass()
                    .flatMap(type -> AnnotationSupport.findAnnotation(type, RivuletTest.class));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
