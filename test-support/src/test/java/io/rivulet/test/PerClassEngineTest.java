package io.rivulet.test;

import io.rivulet.api.NewTopic;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

@RivuletTest(scope = EngineScope.PER_CLASS, config = "num.partitions=3")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerClassEngineTest {
    static Rivulet fromBeforeAll;

    @BeforeAll
    static void createTopic(Rivulet rivulet) {
        fromBeforeAll = rivulet;
        rivulet.admin().createTopic(NewTopic.of("shared")).block();
    }

    @Test
    @Order(1)
    void testsShareTheClassEngine(Rivulet rivulet) {
        assertSame(fromBeforeAll, rivulet);
        rivulet.admin().createTopic(NewTopic.of("from-first-test")).block();
    }

    @Test
    @Order(2)
    void laterTestsSeeEarlierTestsData(Rivulet rivulet) {
        assertEquals(List.of("from-first-test", "shared"), rivulet.admin().listTopics().block());
    }

    @Test
    @Order(3)
    void annotationSettingsReachTheEngine(Rivulet rivulet) {
        try (Producer<String, String> producer = rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()))) {
            producer.send(ProducerRecord.of("auto-created", "v")).block();
        }
        assertEquals(3, rivulet.admin().describeTopic("auto-created").block().partitionCount(),
                "num.partitions=3 from @RivuletTest(config)");
    }

    @Nested
    class Inner {
        @Test
        void nestedClassesShareTheOuterEngine(Rivulet rivulet) {
            assertSame(fromBeforeAll, rivulet);
        }
    }
}
