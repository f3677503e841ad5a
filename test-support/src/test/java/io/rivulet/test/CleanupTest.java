package io.rivulet.test;

import io.rivulet.api.NewTopic;
import io.rivulet.api.Rivulet;
import io.rivulet.api.errors.RivuletClosedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs small test classes through the JUnit engine and checks what the extension left behind. */
class CleanupTest {
    static final List<Path> DIRS = new CopyOnWriteArrayList<>();
    static final List<Rivulet> ENGINES = new CopyOnWriteArrayList<>();

    static class PerTestProbe {
        @RegisterExtension
        RivuletExtension engine = RivuletExtension.perTest();

        @Test
        void first(Rivulet rivulet) {
            record(engine, rivulet);
        }

        @Test
        void second(Rivulet rivulet) {
            record(engine, rivulet);
        }
    }

    static class PerClassProbe {
        @RegisterExtension
        static RivuletExtension engine = RivuletExtension.perClass();

        @Test
        void first(Rivulet rivulet) {
            record(engine, rivulet);
        }

        @Test
        void second(Rivulet rivulet) {
            record(engine, rivulet);
        }
    }

    static class PerClassOnAnInstanceField {
        @RegisterExtension
        RivuletExtension engine = RivuletExtension.perClass();

        @Test
        void test(Rivulet rivulet) {
        }
    }

    @RivuletTest
    static class PerTestIntoBeforeAll {
        @org.junit.jupiter.api.BeforeAll
        static void tooEarly(Rivulet rivulet) {
        }

        @Test
        void test() {
        }
    }

    private static void record(RivuletExtension extension, Rivulet rivulet) {
        DIRS.add(extension.dataDir());
        ENGINES.add(rivulet);
        rivulet.admin().createTopic(NewTopic.of("t-" + ENGINES.size())).block();
        assertFalse(rivulet.admin().listTopics().block().isEmpty());
    }

    private static void run(Class<?> probe) {
        DIRS.clear();
        ENGINES.clear();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(probe)).execute()
                .testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    @Test
    void perTestEnginesAreSeparateAndClosedAndDeletedAfterEachTest() {
        run(PerTestProbe.class);
        assertEquals(2, DIRS.size());
        assertNotEquals(DIRS.get(0), DIRS.get(1));
        for (int i = 0; i < 2; i++) {
            assertFalse(Files.exists(DIRS.get(i)), "deleted: " + DIRS.get(i));
            Rivulet closed = ENGINES.get(i);
            assertThrows(RivuletClosedException.class, closed::admin);
        }
    }

    @Test
    void aPerClassEngineServesEveryTestThenIsClosedAndDeleted() {
        run(PerClassProbe.class);
        assertEquals(DIRS.get(0), DIRS.get(1));
        assertEquals(ENGINES.get(0), ENGINES.get(1));
        assertFalse(Files.exists(DIRS.get(0)));
        assertThrows(RivuletClosedException.class, ENGINES.get(0)::admin);
    }

    private static String failure(Events events) {
        events.assertStatistics(stats -> stats.failed(1));
        return events.failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                .findFirst().orElseThrow();
    }

    @Test
    void aPerClassExtensionOnAnInstanceFieldFailsClearly() {
        String message = failure(EngineTestKit.engine("junit-jupiter").selectors(selectClass(PerClassOnAnInstanceField.class))
                .execute().testEvents());
        assertTrue(message.contains("static field"), message);
    }

    @Test
    void aPerTestEngineCannotBeInjectedBeforeAll() {
        String message = failure(EngineTestKit.engine("junit-jupiter").selectors(selectClass(PerTestIntoBeforeAll.class))
                .execute().containerEvents());
        assertTrue(message.contains("PER_CLASS") && message.contains("tooEarly"), message);
    }
}
