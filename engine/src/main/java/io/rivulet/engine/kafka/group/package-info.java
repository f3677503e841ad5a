/**
 * The Kafka door's group APIs (FindCoordinator, JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit,
 * OffsetFetch, ListGroups, DescribeGroups): each handler turns a generated request into the engine's classic-group
 * values ({@code io.rivulet.engine.group.classic}) and the answer back, setting a response field only at versions
 * that have it. {@link io.rivulet.engine.kafka.group.GroupHandlers} registers them.
 */
package io.rivulet.engine.kafka.group;
