package io.rivulet.engine.group;

import io.rivulet.api.AssignmentStrategy;
import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.api.serde.Serdes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MemberConfigTest {

    @Test
    void takesTheGroupSettingsFromConsumerOptions() {
        ConsumerOptions<String, String> options = ConsumerOptions.builder(Serdes.string(), Serdes.string())
                .groupId("billing").topics("orders", "refunds").sessionTimeout(Duration.ofSeconds(6))
                .heartbeatInterval(Duration.ofSeconds(2)).maxAckAhead(77)
                .assignmentStrategy(AssignmentStrategy.COOPERATIVE_STICKY).build();

        MemberConfig c = MemberConfig.from(options, "consumer-1", "embedded");

        assertEquals(new MemberConfig("billing", "consumer-1", "embedded", List.of("orders", "refunds"),
                AssignmentStrategy.COOPERATIVE_STICKY, Duration.ofSeconds(6), Duration.ofSeconds(2),
                options.autoCommitInterval(), 77), c);
        assertEquals("mine", MemberConfig.from(options.toBuilder().clientId("mine").build(), "consumer-1", "h")
                .clientId());
    }

    @Test
    void needsAGroupAndTopics() {
        ConsumerOptions<String, String> noGroup = ConsumerOptions.builder(Serdes.string(), Serdes.string())
                .topics("orders").build();
        ConsumerOptions<String, String> noTopics = ConsumerOptions.builder(Serdes.string(), Serdes.string())
                .groupId("billing").build();

        assertEquals("group.id", assertThrows(InvalidConfigException.class,
                () -> MemberConfig.from(noGroup, "c", "h")).key());
        assertEquals("topics", assertThrows(InvalidConfigException.class,
                () -> MemberConfig.from(noTopics, "c", "h")).key());
    }
}
