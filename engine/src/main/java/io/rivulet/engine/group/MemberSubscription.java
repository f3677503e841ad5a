package io.rivulet.engine.group;

import io.rivulet.api.TopicPartition;

import java.util.Objects;
import java.util.Set;

/**
 * One group member as an {@link Assignor} sees it.
 *
 * @param memberId the member's id; assignors order members by it
 * @param topics   the topics it subscribes to
 * @param owned    the partitions it holds now (its previous assignment), which a sticky assignor
 *                 tries to leave where they are; the others ignore it
 */
public record MemberSubscription(String memberId, Set<String> topics, Set<TopicPartition> owned) {

    /** Copies the sets. */
    public MemberSubscription {
        Objects.requireNonNull(memberId, "memberId");
        topics = Set.copyOf(topics);
        owned = Set.copyOf(owned);
    }

    /** A member that owns nothing yet. */
    public static MemberSubscription of(String memberId, Set<String> topics) {
        return new MemberSubscription(memberId, topics, Set.of());
    }
}
