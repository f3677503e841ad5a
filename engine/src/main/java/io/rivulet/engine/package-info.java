/**
 * The engine: what serves the {@code io.rivulet.api} contract over the storage log. Each subpackage is one
 * room with one job — topics, partitions, produce, fetch, groups, the embedded api implementation and the
 * {@code rivulet} command.
 */
package io.rivulet.engine;
