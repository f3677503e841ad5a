package io.rivulet.engine.embedded;

import io.rivulet.api.Rivulet;
import io.rivulet.api.errors.EngineNotFoundException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderTest {
    @Test
    void connectingSaysTheNetworkIsNotThereYetAndWhatToDoInstead() {
        EngineNotFoundException e = assertThrows(EngineNotFoundException.class,
                () -> Rivulet.connect("rivulet://localhost:7070"));
        assertTrue(e.getMessage().contains("Rivulet.embedded(dir)") && e.getMessage().contains("--data-dir"),
                e.getMessage());
    }
}
