package io.rivulet.engine.net.server;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.NewTopic;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.api.StartAt;
import io.rivulet.api.TopicPartition;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.cli.Main;
import io.rivulet.engine.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node in its own small-heap JVM, a remote reader that stalls after one record and another that reads
 * slowly, while a producer writes 256 MiB through the same node: the node's heap stays flat (the readers hold
 * positions in the log, not buffers), and the stalled reader is sent no more than it asked for.
 */
class SlowConsumerIT {
    private static final int RECORD = 1024;
    private static final int RECORDS = 256 * 1024;

    @TempDir
    Path dir;

    @Test
    void stalledAndSlowRemoteReadersKeepTheNodesHeapFlatWhileProducersGoOn() throws Exception {
        List<String> cmd = ChildJvm.command(Main.class, List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError"),
                "server", "--data-dir", dir.resolve("data").toString(), "--native-port", "0", "--kafka-port", "0");
        Process node = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            String uri = null;
            for (String line; uri == null && (line = out.readLine()) != null; ) {
                Matcher m = Pattern.compile("native listening on (\\S+)").matcher(line);
                if (m.find()) {
                    uri = "rivulet://" + m.group(1);
                }
            }
            assertTrue(uri != null, "the node printed its port");
            try (Rivulet client = Rivulet.connect(uri)) {
                client.admin().createTopic(NewTopic.of("big")).block();
                var reader = client.consumer(ConsumerOptions.builder(Serdes.byteArray(), Serdes.byteArray()).build());
                AtomicLong stalledGot = new AtomicLong();
                BaseSubscriber<ConsumerRecord<byte[], byte[]>> stalled = new BaseSubscriber<>() {
                    @Override
                    protected void hookOnSubscribe(Subscription s) {
                        s.request(1); // and never again
                    }

                    @Override
                    protected void hookOnNext(ConsumerRecord<byte[], byte[]> r) {
                        stalledGot.incrementAndGet();
                    }
                };
                reader.read(new TopicPartition("big", 0), StartAt.earliest()).subscribe(stalled);
                AtomicLong slowGot = new AtomicLong();
                var slow = reader.read(new TopicPartition("big", 0), StartAt.earliest())
                        .delayElements(Duration.ofMillis(5))
                        .subscribe(r -> slowGot.incrementAndGet());

                byte[] value = new byte[RECORD];
                long started = System.nanoTime();
                client.producer(ProducerOptions.of(Serdes.byteArray(), Serdes.byteArray()))
                        .send(Flux.range(0, RECORDS).map(i -> ProducerRecord.<byte[], byte[]>of("big", value)))
                        .blockLast(Duration.ofMinutes(5));
                double seconds = (System.nanoTime() - started) / 1e9;

                long heapMb = usedHeapAfterGcMb(node.pid());
                System.out.printf("SlowConsumerIT: %d MiB produced in %.1f s past a stalled and a slow reader;"
                        + " node heap after GC %d MiB; slow reader at %d records%n",
                        (long) RECORDS * RECORD >> 20, seconds, heapMb, slowGot.get());
                assertEquals(1, stalledGot.get(), "the stalled reader is sent only what it asked for");
                assertTrue(heapMb < 40, "node heap after GC " + heapMb + " MiB");
                assertTrue(node.isAlive(), "the node survived");
                slow.dispose();
                stalled.dispose(); // before the client closes, which would fail a stream that has no error hook
            }
        } finally {
            node.destroy(); // SIGTERM: a clean close
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    /** The child's heap in use after a full GC, from the JDK's jcmd. */
    private static long usedHeapAfterGcMb(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true).start().waitFor();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        String info = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        assertTrue(m.find(), info);
        return Long.parseLong(m.group(1)) >> 10;
    }
}
