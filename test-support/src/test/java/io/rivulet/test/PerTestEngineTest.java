package io.rivulet.test;

import io.rivulet.api.NewTopic;
import io.rivulet.api.Rivulet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

@RivuletTest
class PerTestEngineTest {
    private Rivulet fromBeforeEach;

    @BeforeEach
    void remember(Rivulet rivulet) {
        fromBeforeEach = rivulet;
    }

    @RepeatedTest(3)
    void everyTestStartsWithAnEmptyEngine(Rivulet rivulet) {
        assertEquals(List.of(), rivulet.admin().listTopics().block());
        rivulet.admin().createTopic(NewTopic.of("orders")).block();
        assertEquals(List.of("orders"), rivulet.admin().listTopics().block());
    }

    @Test
    void lifecycleMethodsAndTheTestGetTheSameEngine(Rivulet rivulet) {
        assertSame(fromBeforeEach, rivulet);
    }
}
