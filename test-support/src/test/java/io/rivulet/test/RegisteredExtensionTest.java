package io.rivulet.test;

import io.rivulet.api.NewTopic;
import io.rivulet.api.Rivulet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegisteredExtensionTest {
    @RegisterExtension
    RivuletExtension engine = RivuletExtension.perTest().config("log.retention.ms", "60000");

    @Test
    void theFieldGivesTheSameEngineAsTheParameter(Rivulet rivulet) {
        assertSame(rivulet, engine.rivulet());
        assertTrue(Files.isDirectory(engine.dataDir()));
    }

    @Test
    void settingsInCodeReachTheEngine() {
        engine.rivulet().admin().createTopic(NewTopic.of("kept")).block();
        assertEquals("60000", engine.rivulet().admin().describeTopic("kept").block().configs().get("retention.ms"));
    }
}
