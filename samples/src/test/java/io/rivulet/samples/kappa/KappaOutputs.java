package io.rivulet.samples.kappa;

import io.rivulet.api.ConsumerRecord;
import io.rivulet.api.Rivulet;
import io.rivulet.samples.TopicReads;
import io.rivulet.samples.clicks.Clickstream;
import io.rivulet.samples.window.Aggregate;
import io.rivulet.samples.window.Click;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the tests read back from the log: the input as each partition holds it, and the job's latest outputs. */
final class KappaOutputs {
    private KappaOutputs() {
    }

    /** Each input partition's clicks in offset order: the same input the job read. */
    static Map<Integer, List<Click>> inputByPartition(Rivulet rivulet, String topic) {
        Map<Integer, List<Click>> clicks = new TreeMap<>();
        for (ConsumerRecord<String, String> r : TopicReads.upToEnd(rivulet, topic).collectList().block()) {
            clicks.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(Clickstream.click(r));
        }
        return clicks;
    }

    /** The last value per key of an output topic (a key always lands on one partition, read in order). */
    static Map<String, Aggregate> latest(Rivulet rivulet, String outputTopic) {
        Map<String, Aggregate> latest = new TreeMap<>();
        for (ConsumerRecord<String, String> r : TopicReads.upToEnd(rivulet, outputTopic).collectList().block()) {
            latest.put(r.key(), AggregateJson.read(r.value()));
        }
        return latest;
    }

    /** Fails listing the first keys whose values differ, rather than printing both maps whole. */
    static void assertSameOutputs(Map<String, Aggregate> expected, Map<String, Aggregate> actual) {
        List<String> differences = new ArrayList<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            if (!java.util.Objects.equals(expected.get(key), actual.get(key))) {
                differences.add(key + ": expected " + expected.get(key) + " but the job wrote " + actual.get(key));
            }
        }
        if (!differences.isEmpty()) {
            throw new AssertionError(differences.size() + " of " + keys.size() + " outputs differ from the brute-force answer, e.g.\n"
                    + String.join("\n", differences.subList(0, Math.min(8, differences.size()))));
        }
        if (expected.isEmpty()) {
            throw new AssertionError("nothing to compare: the brute-force answer is empty");
        }
    }

    /** The progress records, removed from {@code latest}, by partition. */
    static Map<Integer, Aggregate.Progress> takeProgress(Map<String, Aggregate> latest) {
        Map<Integer, Aggregate.Progress> progress = new TreeMap<>();
        latest.values().removeIf(a -> {
            if (a instanceof Aggregate.Progress p) {
                progress.put(p.partition(), p);
                return true;
            }
            return false;
        });
        return progress;
    }
}
