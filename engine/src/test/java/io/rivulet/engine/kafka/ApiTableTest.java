package io.rivulet.engine.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The advertised table is reviewed by hand: these checks make a kafka-clients upgrade or a missing handler fail. */
class ApiTableTest {

    /**
     * The version ranges of kafka-clients 4.4.0, the version the table was written and tested against. When an
     * upgrade changes one, review the table's row (new versions bring new semantics), then update this list.
     */
    private static final Map<ApiKeys, String> REVIEWED_JAR_RANGES = Map.ofEntries(
            Map.entry(ApiKeys.PRODUCE, "3-13"),
            Map.entry(ApiKeys.FETCH, "4-18"),
            Map.entry(ApiKeys.LIST_OFFSETS, "1-11"),
            Map.entry(ApiKeys.METADATA, "0-13"),
            Map.entry(ApiKeys.API_VERSIONS, "0-5"),
            Map.entry(ApiKeys.INIT_PRODUCER_ID, "0-6"),
            Map.entry(ApiKeys.SASL_HANDSHAKE, "0-1"),
            Map.entry(ApiKeys.SASL_AUTHENTICATE, "0-2"),
            Map.entry(ApiKeys.FIND_COORDINATOR, "0-6"),
            Map.entry(ApiKeys.JOIN_GROUP, "0-9"),
            Map.entry(ApiKeys.SYNC_GROUP, "0-5"),
            Map.entry(ApiKeys.HEARTBEAT, "0-4"),
            Map.entry(ApiKeys.LEAVE_GROUP, "0-5"),
            Map.entry(ApiKeys.OFFSET_COMMIT, "2-10"),
            Map.entry(ApiKeys.OFFSET_FETCH, "1-10"),
            Map.entry(ApiKeys.LIST_GROUPS, "0-5"),
            Map.entry(ApiKeys.DESCRIBE_GROUPS, "0-6"),
            Map.entry(ApiKeys.DELETE_GROUPS, "0-3"),
            Map.entry(ApiKeys.OFFSET_DELETE, "0-0"),
            Map.entry(ApiKeys.CREATE_TOPICS, "2-7"),
            Map.entry(ApiKeys.DELETE_TOPICS, "1-6"),
            Map.entry(ApiKeys.DESCRIBE_CONFIGS, "1-4"));

    @Test
    void everyAdvertisedApiWasReviewedAgainstThisKafkaClientsVersion() {
        Map<String, String> jar = new TreeMap<>();
        Map<String, String> reviewed = new TreeMap<>();
        for (ApiKeys api : ApiTable.advertised().keySet()) {
            jar.put(api.name(), api.oldestVersion() + "-" + api.latestVersion());
            reviewed.put(api.name(), REVIEWED_JAR_RANGES.get(api));
        }
        assertEquals(reviewed, jar);
    }

    @Test
    void advertisedVersionsAreOnesTheCodecCanReadExceptProduceBelowThree() {
        ApiTable.advertised().forEach((api, range) -> {
            assertTrue(range.max() <= api.latestVersion(), api + " advertises past the jar");
            if (api != ApiKeys.PRODUCE) {
                assertTrue(range.min() >= api.oldestVersion(), api + " advertises below the jar");
            }
        });
        assertEquals(0, ApiTable.advertised().get(ApiKeys.PRODUCE).min(), "librdkafka needs Produce from 0");
    }

    @Test
    void everyAdvertisedApiHasAHandlerAndNoOtherDoes() {
        java.util.Set<ApiKeys> served = java.util.EnumSet.noneOf(ApiKeys.class);
        served.addAll(new KafkaApis(null, null, null).all().keySet());
        served.addAll(KafkaApis.PER_CONNECTION);
        assertEquals(ApiTable.advertised().keySet(), served);
    }

    /** docs/kafka.md's table of APIs: rows like {@code | FindCoordinator, JoinGroup | 0–6, 0–9 | …}. */
    private static final Pattern DOC_ROW = Pattern.compile("^\\| ([A-Z][A-Za-z]+(?:, [A-Z][A-Za-z]+)*) \\| ([0-9–, ]+)",
            Pattern.MULTILINE);

    @Test
    void kafkaDocsListExactlyTheAdvertisedApisAndVersions() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        Matcher m = DOC_ROW.matcher(Files.readString(Path.of("..", "docs", "kafka.md")));
        while (m.find()) {
            String[] names = m.group(1).split(", ");
            String[] versions = m.group(2).trim().split(", ");
            assertEquals(names.length, versions.length, "one version range per API in the row of " + m.group(1));
            for (int i = 0; i < names.length; i++) {
                String v = versions[i].trim();
                documented.put(names[i], v.contains("–") ? v.replace('–', '-') : v + "-" + v);
            }
        }
        Map<String, String> advertised = new TreeMap<>();
        ApiTable.advertised().forEach((api, r) -> advertised.put(api.name, r.min() + "-" + r.max()));
        assertEquals(advertised, documented);
    }
}
