/**
 * Kafka's classic consumer-group protocol (JoinGroup / SyncGroup / Heartbeat / LeaveGroup barriers with
 * client-side assignment) as pure values and one state machine, {@link io.rivulet.engine.group.classic.ClassicGroup},
 * with no Kafka classes, no I/O and no clock: time is passed in, held answers are callbacks. The engine runs it
 * through {@code LocalGroupCoordinator.classic()} ({@link io.rivulet.engine.group.classic.ClassicCoordinator}); the
 * Kafka door ({@code io.rivulet.engine.kafka.group}) turns wire requests into these values. User guide:
 * {@code docs/groups.md}, "Groups through the Kafka door".
 */
package io.rivulet.engine.group.classic;
