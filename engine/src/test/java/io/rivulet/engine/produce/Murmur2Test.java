package io.rivulet.engine.produce;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.utils.Utils;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The key partitioner must agree with the Kafka Java client byte for byte. */
class Murmur2Test {
    @Property(tries = 2000)
    void hashEqualsKafkaClients(@ForAll @Size(max = 64) byte[] key) {
        assertEquals(Utils.murmur2(key), Murmur2.hash(key));
    }

    @Property(tries = 2000)
    void aKeyLandsOnTheSamePartitionAsWithAKafkaProducer(@ForAll @Size(min = 1, max = 40) byte[] key,
                                                         @ForAll @IntRange(min = 1, max = 1000) int partitions) {
        assertEquals(BuiltInPartitioner.partitionForKey(key, partitions), Murmur2.partition(key, partitions));
    }
}
