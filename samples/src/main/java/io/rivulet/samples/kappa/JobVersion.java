package io.rivulet.samples.kappa;

import io.rivulet.api.TopicNames;
import io.rivulet.samples.window.EventTimeRules;
import io.rivulet.samples.window.WindowLogic;
import io.rivulet.samples.window.WindowSpec;

import java.util.List;

/**
 * One deployed version of the windowed job: its logic and where it keeps its things. A new version is
 * a new consumer group reading the input from the earliest record into a new output topic, so it can
 * run beside the old one until it has caught up (kappa reprocessing).
 *
 * @param name       a short version name, e.g. {@code v1}
 * @param inputTopic the clickstream
 * @param logic      what it computes
 */
public record JobVersion(String name, String inputTopic, WindowLogic logic) {
    /** Validates the names. */
    public JobVersion {
        TopicNames.validate(inputTopic);
        TopicNames.validate(inputTopic + "-windows-" + name + "-checkpoints");
    }

    /**
     * Version 1: every click counts; 10-second tumbling and 30-second sliding (every 10 s) windows; a
     * watermark 2 s behind the newest click and 5 s of allowed lateness; the top 3 pages.
     */
    public static JobVersion v1(String inputTopic) {
        return new JobVersion("v1", inputTopic, new WindowLogic(specs(), new EventTimeRules(2_000, 5_000), 3, c -> true));
    }

    /**
     * Version 2, the new logic to reprocess with: bot traffic ({@code bot-*} users) no longer counts,
     * late clicks get 15 s instead of 5, and the top lists hold 5 pages.
     */
    public static JobVersion v2(String inputTopic) {
        return new JobVersion("v2", inputTopic, new WindowLogic(specs(), new EventTimeRules(2_000, 15_000), 5,
                c -> !c.user().startsWith("bot-")));
    }

    private static List<WindowSpec> specs() {
        return List.of(WindowSpec.tumbling("tumbling-10s", 10_000), WindowSpec.sliding("sliding-30s", 30_000, 10_000));
    }

    /** The consumer group of this version: its committed input offsets. */
    public String groupId() {
        return outputTopic();
    }

    /** Where its aggregates go, e.g. {@code clicks-windows-v1}. */
    public String outputTopic() {
        return inputTopic + "-windows-" + name;
    }

    /** Where its partition states go, next to the committed offsets. */
    public String checkpointTopic() {
        return outputTopic() + "-checkpoints";
    }
}
