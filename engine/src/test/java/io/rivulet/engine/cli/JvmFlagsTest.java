package io.rivulet.engine.cli;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class JvmFlagsTest {

    @Test
    void readsOnlyTheSystemPropertiesOfAFlagList() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("mappedFile.retain", "true");
        expected.put("a.b", "x=y");
        expected.put("bare", "true");
        assertEquals(expected, JvmFlags.systemProperties(
                " --add-opens=java.base/java.nio=ALL-UNNAMED  -DmappedFile.retain=true -Xmx1g -Da.b=x=y -Dbare -D -D=v "));
    }

    @Test
    void theJarCarriesTheFlagListOfTheParentPom() {
        String fromPom = System.getProperty("rivulet.jvm.flags");
        assertNotNull(fromPom, "surefire passes rivulet.jvm.flags");
        assertEquals(fromPom.trim(), JvmFlags.bundled());
        assertFalse(JvmFlags.systemProperties(JvmFlags.bundled()).isEmpty());
    }
}
