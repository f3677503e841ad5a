package io.rivulet.samples.kappa;

import io.rivulet.samples.window.Aggregate;
import io.rivulet.samples.window.PageCount;
import io.rivulet.samples.window.PartitionWindows;
import io.rivulet.samples.window.Window;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AggregateJsonTest {
    static final Window W = new Window("tumbling-10s", 10_000, 20_000);

    @Test
    void everyKindOfAggregateReadsBackAsWritten() {
        List<Aggregate> all = List.of(new Aggregate.WindowCount(W, "/home", 42),
                new Aggregate.TopPages(W, 3, List.of(new PageCount("/home", 42), new PageCount("/docs", 7)), true),
                new Aggregate.Progress(3, 18_000, 5));
        for (Aggregate a : all) {
            assertEquals(a, AggregateJson.read(AggregateJson.write(a)));
        }
        assertEquals("{\"kind\":\"count\",\"spec\":\"tumbling-10s\",\"start\":10000,\"end\":20000,\"page\":\"/home\",\"count\":42}",
                AggregateJson.write(all.get(0)), "the format docs/samples.md shows and the dashboard reads");
    }

    @Test
    void aCheckpointReadsBackAsWritten() {
        PartitionWindows.State state = new PartitionWindows.State(2, 120, 19_000, 4,
                List.of(new PartitionWindows.WindowState("tumbling-10s", 10_000, 20_000, Map.of("/home", 3L))));
        assertEquals(state, AggregateJson.readState(AggregateJson.writeState(state)));
    }

    @Test
    void somethingElseIsRefusedSayingWhatItIsNot() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AggregateJson.read("{\"kind\":\"x\"}"));
        assertTrue(e.getMessage().contains("not an aggregate of the kappa job"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AggregateJson.readState("{"));
    }
}
