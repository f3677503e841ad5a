package io.rivulet.samples.kappa;

import io.rivulet.api.NewTopic;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;
import io.rivulet.samples.clicks.ClickGenerator;
import io.rivulet.samples.clicks.Clickstream;
import io.rivulet.samples.window.Aggregate;
import io.rivulet.samples.window.BruteForce;
import io.rivulet.samples.window.Click;
import io.rivulet.test.RivuletTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.rivulet.samples.kappa.KappaJobTest.CATCH_UP;
import static io.rivulet.samples.kappa.KappaJobTest.INPUT;
import static io.rivulet.samples.kappa.KappaJobTest.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@RivuletTest
class KappaReprocessingTest {
    /**
     * Version 1 serves; version 2 (other logic) replays the whole log as a new group while clicks keep
     * coming, catches up, takes over the readers, and version 1 is retired. Version 2's answer is the
     * brute-force answer of its own logic over all the clicks, including those sent during the switch.
     */
    @Test
    void version2ReplaysTheLogCatchesUpAndTakesOverTheReaders(Rivulet rivulet) {
        rivulet.admin().createTopic(NewTopic.of(INPUT).withPartitions(4)).block();
        List<Click> clicks = new ClickGenerator(7, 4_000, 20_000).take(6_000, START, 15);
        Producer<String, String> producer = rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()));
        JobVersion v1 = JobVersion.v1(INPUT);
        JobVersion v2 = JobVersion.v2(INPUT);

        KappaJobTest.send(producer, clicks.subList(0, 3_000));
        KappaJob job = KappaJob.start(rivulet, v1);
        job.awaitCaughtUp(rivulet, CATCH_UP);
        ServingPointer.point(rivulet, producer, v1.outputTopic()).block();
        assertEquals(v1.outputTopic(), ServingPointer.current(rivulet).block());

        CompletableFuture<Void> meanwhile = producer.send(Flux.fromIterable(clicks.subList(3_000, clicks.size()))
                .map(c -> Clickstream.record(INPUT, c))).then().toFuture();
        ByteArrayOutputStream steps = new ByteArrayOutputStream();
        KappaJob replacement = Reprocessing.replace(rivulet, job, v2, producer,
                new PrintStream(steps, true, StandardCharsets.UTF_8), CATCH_UP);
        meanwhile.join();
        replacement.awaitCaughtUp(rivulet, CATCH_UP);
        replacement.close();

        assertEquals(v2.outputTopic(), ServingPointer.current(rivulet).block(), "the readers follow version 2");
        List<String> topics = rivulet.admin().listTopics().block();
        assertFalse(topics.contains(v1.outputTopic()) || topics.contains(v1.checkpointTopic()), "v1 is retired: " + topics);
        List<String> groups = rivulet.admin().listGroups().block();
        assertFalse(groups.contains(v1.groupId()), "v1's group is deleted: " + groups);
        assertTrue(groups.contains(v2.groupId()), "v2's group stays: " + groups);
        String log = steps.toString(StandardCharsets.UTF_8);
        for (int step = 1; step <= 4; step++) {
            assertTrue(log.contains("reprocess " + step + "/4"), log);
        }

        Map<Integer, List<Click>> input = KappaOutputs.inputByPartition(rivulet, INPUT);
        assertEquals(clicks.size(), input.values().stream().mapToInt(List::size).sum());
        BruteForce expected = BruteForce.of(input, v2.logic());
        Map<String, Aggregate> outputs = KappaOutputs.latest(rivulet, v2.outputTopic());
        KappaOutputs.takeProgress(outputs);
        KappaOutputs.assertSameOutputs(expected.expectedOutputs(), outputs);
        assertNotEquals(BruteForce.of(input, v1.logic()).expectedOutputs(), outputs, "version 2 computes something else");
    }
}
