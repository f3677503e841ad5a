package io.rivulet.engine.topic;

import io.rivulet.api.errors.InvalidConfigException;
import io.rivulet.storage.log.LogConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replication settings a topic config carries beside the log's. */
class TopicSettingsTest {
    private static final String UNCLEAN = TopicSettings.UNCLEAN_LEADER_ELECTION_ENABLE;

    @Test
    void uncleanLeaderElectionIsOffUnlessSetToTrue() {
        assertFalse(TopicSettings.uncleanLeaderElection(Map.of()));
        assertTrue(TopicSettings.uncleanLeaderElection(Map.of(UNCLEAN, "true")));
        assertTrue(TopicSettings.uncleanLeaderElection(Map.of(UNCLEAN, " TRUE ")));
        assertFalse(TopicSettings.uncleanLeaderElection(Map.of(UNCLEAN, "false")));
    }

    @Test
    void aValueThatIsNeitherTrueNorFalseIsRefusedNamingTheSetting() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> TopicSettings.apply(LogConfig.defaults(), Map.of(UNCLEAN, "yes")));
        assertTrue(e.getMessage().contains(UNCLEAN) && e.getMessage().contains("true or false"), e.getMessage());
    }

    @Test
    void replicationSettingsAreKnownNamesButNotPartOfTheLogConfig() {
        assertTrue(TopicSettings.NAMES.contains(UNCLEAN));
        LogConfig config = TopicSettings.apply(LogConfig.defaults(), Map.of(UNCLEAN, "true",
                TopicSettings.MIN_INSYNC_REPLICAS, "2"));
        assertEquals(LogConfig.defaults().toMap(), config.toMap());
    }
}
