package io.rivulet.engine.kafka;

import io.rivulet.api.ConsumerOptions;
import io.rivulet.api.NewTopic;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.testing.KafkaDoor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The group APIs byte for byte: every advertised version of each answers in a layout the client's own parser
 * reads (version-dependent fields are only set where they exist), and bad requests get Kafka's error codes.
 */
class KafkaGroupProtocolTest {
    private static final byte[] ASSIGNMENT = {0, 0, 0, 0, 0, 0, -1, -1, -1, -1};

    @TempDir
    Path dir;
    private KafkaDoor door;
    private RawKafkaClient client;

    @BeforeEach
    void open() throws IOException {
        door = KafkaDoor.open(dir, Map.of("group.initial.rebalance.delay.ms", "0"));
        door.rivulet().admin().createTopic(NewTopic.of("t").withPartitions(1)).block();
        client = new RawKafkaClient(door.listener().port());
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        door.close();
    }

    @SuppressWarnings("unchecked")
    private <T extends ApiMessage> T call(ApiKeys api, int version, ApiMessage body) throws IOException {
        short v = (short) version;
        int id = client.send(api, v, body);
        ByteBuffer buf = client.receive(api, v, id);
        ApiMessage response = api.messageType.newResponse();
        response.read(new ByteBufferAccessor(buf), v);
        assertEquals(0, buf.remaining(), api + " v" + v + " answered with trailing bytes");
        return (T) response;
    }

    private static JoinGroupRequestData join(String group, String memberId, int sessionMs, String type,
                                             String... protocols) {
        JoinGroupRequestProtocolCollection list = new JoinGroupRequestProtocolCollection();
        for (String p : protocols) {
            list.add(new JoinGroupRequestProtocol().setName(p).setMetadata(new byte[]{1, 2}));
        }
        return new JoinGroupRequestData().setGroupId(group).setMemberId(memberId).setSessionTimeoutMs(sessionMs)
                .setRebalanceTimeoutMs(sessionMs).setProtocolType(type).setProtocols(list);
    }

    /** Joins {@code group} alone at {@code v} (with the member id round from v4) and returns the answer. */
    private JoinGroupResponseData joinAlone(String group, int v) throws IOException {
        JoinGroupRequestData request = join(group, "", 10_000, "consumer", "range");
        if (v < 1) {
            request.setRebalanceTimeoutMs(-1);
        }
        JoinGroupResponseData first = call(ApiKeys.JOIN_GROUP, v, request);
        if (v < 4) {
            return first;
        }
        assertEquals(Errors.MEMBER_ID_REQUIRED.code(), first.errorCode(), "v" + v + " asks for a member id first");
        return call(ApiKeys.JOIN_GROUP, v, request.setMemberId(first.memberId()));
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    @Test
    void everyVersionOfEveryGroupApiAnswersInALayoutTheClientReads() throws IOException {
        for (int v = 0; v <= 9; v++) {
            String group = "g" + v;
            FindCoordinatorRequestData find = new FindCoordinatorRequestData();
            int fv = clamp(v, 0, 6);
            FindCoordinatorResponseData found = call(ApiKeys.FIND_COORDINATOR, fv,
                    fv >= 4 ? find.setCoordinatorKeys(List.of(group)) : find.setKey(group));
            int port = fv >= 4 ? found.coordinators().get(0).port() : found.port();
            assertEquals(door.listener().port(), port, "FindCoordinator v" + fv + " names this node");

            JoinGroupResponseData joined = joinAlone(group, v);
            assertEquals(Errors.NONE.code(), joined.errorCode(), "JoinGroup v" + v);
            assertEquals(1, joined.generationId());
            assertEquals("range", joined.protocolName());
            assertEquals(joined.memberId(), joined.leader());
            assertArrayEquals(new byte[]{1, 2}, joined.members().get(0).metadata());
            String member = joined.memberId();

            int sv = clamp(v, 0, 5);
            SyncGroupRequestData sync = new SyncGroupRequestData().setGroupId(group).setGenerationId(1)
                    .setMemberId(member).setAssignments(List.of(new SyncGroupRequestData.SyncGroupRequestAssignment()
                            .setMemberId(member).setAssignment(ASSIGNMENT)));
            if (sv >= 5) {
                sync.setProtocolType("consumer").setProtocolName("range");
            }
            SyncGroupResponseData synced = call(ApiKeys.SYNC_GROUP, sv, sync);
            assertEquals(Errors.NONE.code(), synced.errorCode(), "SyncGroup v" + sv);
            assertArrayEquals(ASSIGNMENT, synced.assignment());

            HeartbeatResponseData beat = call(ApiKeys.HEARTBEAT, clamp(v, 0, 4),
                    new HeartbeatRequestData().setGroupId(group).setGenerationId(1).setMemberId(member));
            assertEquals(Errors.NONE.code(), beat.errorCode(), "Heartbeat v" + clamp(v, 0, 4));

            int cv = clamp(v, 2, 9);
            OffsetCommitResponseData committed = call(ApiKeys.OFFSET_COMMIT, cv, commit(group, 1, member, "t", 5));
            assertEquals(Errors.NONE.code(), committed.topics().get(0).partitions().get(0).errorCode(),
                    "OffsetCommit v" + cv);

            int ov = clamp(v, 1, 9);
            assertEquals(5, fetchOffset(group, ov), "OffsetFetch v" + ov);

            int lv = clamp(v, 0, 5);
            ListGroupsResponseData listed = call(ApiKeys.LIST_GROUPS, lv, new ListGroupsRequestData());
            ListGroupsResponseData.ListedGroup mine = listed.groups().stream()
                    .filter(g -> g.groupId().equals(group)).findFirst().orElseThrow();
            assertEquals("consumer", mine.protocolType());
            if (lv >= 4) {
                assertEquals("Stable", mine.groupState());
            }

            int dv = clamp(v, 0, 6);
            DescribeGroupsResponseData described = call(ApiKeys.DESCRIBE_GROUPS, dv,
                    new DescribeGroupsRequestData().setGroups(List.of(group)));
            DescribeGroupsResponseData.DescribedGroup d = described.groups().get(0);
            assertEquals("Stable", d.groupState(), "DescribeGroups v" + dv);
            assertEquals("range", d.protocolData());
            assertEquals("raw-test", d.members().get(0).clientId());
            assertArrayEquals(ASSIGNMENT, d.members().get(0).memberAssignment());

            int leaveV = clamp(v, 0, 5);
            LeaveGroupRequestData leave = new LeaveGroupRequestData().setGroupId(group);
            LeaveGroupResponseData left = call(ApiKeys.LEAVE_GROUP, leaveV, leaveV >= 3
                    ? leave.setMembers(List.of(new LeaveGroupRequestData.MemberIdentity().setMemberId(member)))
                    : leave.setMemberId(member));
            short leaveError = leaveV >= 3 ? left.members().get(0).errorCode() : left.errorCode();
            assertEquals(Errors.NONE.code(), leaveError, "LeaveGroup v" + leaveV);
        }
    }

    private static OffsetCommitRequestData commit(String group, int generation, String member, String topic,
                                                  long offset) {
        return new OffsetCommitRequestData().setGroupId(group).setGenerationIdOrMemberEpoch(generation)
                .setMemberId(member).setTopics(List.of(new OffsetCommitRequestData.OffsetCommitRequestTopic()
                        .setName(topic).setPartitions(List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                .setPartitionIndex(0).setCommittedOffset(offset)))));
    }

    private long fetchOffset(String group, int v) throws IOException {
        if (v >= 8) {
            OffsetFetchResponseData r = call(ApiKeys.OFFSET_FETCH, v, new OffsetFetchRequestData().setGroups(List.of(
                    new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId(group).setTopics(List.of(
                            new OffsetFetchRequestData.OffsetFetchRequestTopics().setName("t")
                                    .setPartitionIndexes(List.of(0)))))));
            assertEquals(Errors.NONE.code(), r.groups().get(0).errorCode());
            return r.groups().get(0).topics().get(0).partitions().get(0).committedOffset();
        }
        OffsetFetchResponseData r = call(ApiKeys.OFFSET_FETCH, v, new OffsetFetchRequestData().setGroupId(group)
                .setTopics(List.of(new OffsetFetchRequestData.OffsetFetchRequestTopic().setName("t")
                        .setPartitionIndexes(List.of(0)))));
        return r.topics().get(0).partitions().get(0).committedOffset();
    }

    @Test
    void fencedAndMismatchedRequestsGetKafkasErrorCodes() throws IOException {
        assertEquals(Errors.UNKNOWN_MEMBER_ID.code(), this.<HeartbeatResponseData>call(ApiKeys.HEARTBEAT, 4,
                new HeartbeatRequestData().setGroupId("bad").setGenerationId(1).setMemberId("nobody")).errorCode());

        JoinGroupResponseData joined = joinAlone("bad", 9);
        String member = joined.memberId();
        assertEquals(Errors.ILLEGAL_GENERATION.code(), this.<HeartbeatResponseData>call(ApiKeys.HEARTBEAT, 4,
                new HeartbeatRequestData().setGroupId("bad").setGenerationId(7).setMemberId(member)).errorCode());
        assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL.code(), this.<JoinGroupResponseData>call(ApiKeys.JOIN_GROUP, 9,
                join("bad", "", 10_000, "connect", "range")).errorCode(), "another protocol type");
        assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL.code(), this.<JoinGroupResponseData>call(ApiKeys.JOIN_GROUP, 9,
                join("bad", "", 10_000, "consumer", "roundrobin")).errorCode(), "no assignor in common");
        assertEquals(Errors.INVALID_SESSION_TIMEOUT.code(), this.<JoinGroupResponseData>call(ApiKeys.JOIN_GROUP, 9,
                join("bad", "", 10, "consumer", "range")).errorCode());
        assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL.code(), this.<SyncGroupResponseData>call(ApiKeys.SYNC_GROUP, 5,
                new SyncGroupRequestData().setGroupId("bad").setGenerationId(1).setMemberId(member)
                        .setProtocolType("consumer").setProtocolName("roundrobin")).errorCode());
        assertEquals(Errors.REBALANCE_IN_PROGRESS.code(), commitError("bad", 1, member, "t"),
                "a commit between JoinGroup and the assignment");
        call(ApiKeys.SYNC_GROUP, 5, new SyncGroupRequestData().setGroupId("bad").setGenerationId(1).setMemberId(member)
                .setAssignments(List.of()));
        assertEquals(Errors.ILLEGAL_GENERATION.code(), commitError("bad", 3, member, "t"));
        assertEquals(Errors.UNKNOWN_MEMBER_ID.code(), commitError("bad", -1, "", "t"),
                "a commit from outside the group while it has members");
        assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), commitError("bad", 1, member, "no-such-topic"));
        assertEquals(Errors.NONE.code(), commitError("nobody-here", -1, "", "t"), "an empty group takes a simple commit");

        DescribeGroupsResponseData unknown = call(ApiKeys.DESCRIBE_GROUPS, 6,
                new DescribeGroupsRequestData().setGroups(List.of("never-seen")));
        assertEquals(Errors.GROUP_ID_NOT_FOUND.code(), unknown.groups().get(0).errorCode());
        assertEquals("Dead", unknown.groups().get(0).groupState());
    }

    private short commitError(String group, int generation, String member, String topic) throws IOException {
        OffsetCommitResponseData r = call(ApiKeys.OFFSET_COMMIT, 9, commit(group, generation, member, topic, 1));
        return r.topics().get(0).partitions().get(0).errorCode();
    }

    @Test
    void aStaticMemberReplacedByItsSuccessorIsFenced() throws IOException {
        JoinGroupRequestData asStatic = join("static", "", 10_000, "consumer", "range").setGroupInstanceId("pod-1");
        JoinGroupResponseData first = call(ApiKeys.JOIN_GROUP, 9, asStatic);
        assertEquals(Errors.NONE.code(), first.errorCode(), "a static member needs no member id round");
        JoinGroupResponseData successor = call(ApiKeys.JOIN_GROUP, 9, asStatic);
        assertEquals(Errors.NONE.code(), successor.errorCode());
        assertEquals(Errors.FENCED_INSTANCE_ID.code(), this.<HeartbeatResponseData>call(ApiKeys.HEARTBEAT, 4,
                new HeartbeatRequestData().setGroupId("static").setGenerationId(successor.generationId())
                        .setMemberId(first.memberId()).setGroupInstanceId("pod-1")).errorCode());
    }

    @Test
    void aGroupIdUsedByRivuletConsumersIsRefusedToKafkaConsumers() throws IOException {
        var consumer = door.rivulet().consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string())
                .groupId("shared").topics("t").build());
        Disposable running = consumer.receive().subscribe();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!door.rivulet().admin().listGroups().block().contains("shared")) {
                assertTrue(System.nanoTime() < deadline, "the Rivulet consumer never joined");
                Thread.onSpinWait();
            }
            JoinGroupResponseData refused = call(ApiKeys.JOIN_GROUP, 9, join("shared", "", 10_000, "consumer", "range"));
            assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL.code(), refused.errorCode());
            ListGroupsResponseData listed = call(ApiKeys.LIST_GROUPS, 5, new ListGroupsRequestData());
            assertEquals("consumer", listed.groups().stream().filter(g -> g.groupId().equals("shared"))
                    .findFirst().orElseThrow().groupType());
            try (AdminClient admin = AdminClient.create(door.clientProperties())) {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of("shared")).all().get().get("shared");
                assertEquals(1, d.members().size(), "Kafka's admin client describes a Rivulet group");
                assertEquals(Set.of(new org.apache.kafka.common.TopicPartition("t", 0)),
                        d.members().iterator().next().assignment().topicPartitions());
            } catch (InterruptedException | ExecutionException e) {
                throw new AssertionError(e);
            }
        } finally {
            running.dispose();
            consumer.close();
        }
    }

    @Test
    void aGroupIdWithKafkaMembersIsRefusedToRivuletConsumers() throws IOException {
        assertEquals(Errors.NONE.code(), joinAlone("kafka-owned", 9).errorCode());
        var consumer = door.rivulet().consumer(ConsumerOptions.builder(Serdes.string(), Serdes.string())
                .groupId("kafka-owned").topics("t").build());
        try {
            Throwable refused = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class,
                    () -> consumer.receive().blockFirst(Duration.ofSeconds(60)));
            assertTrue(refused instanceof io.rivulet.api.errors.InvalidConfigException, refused.toString());
            assertTrue(refused.getMessage().contains("Kafka consumers"), refused.getMessage());
        } finally {
            consumer.close();
        }
    }
}
