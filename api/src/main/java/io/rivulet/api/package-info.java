/**
 * Rivulet's API: what an application codes against. Start at {@link io.rivulet.api.Rivulet}.
 *
 * <p>Values ({@link io.rivulet.api.ProducerRecord}, {@link io.rivulet.api.TopicPartition},
 * {@link io.rivulet.api.StartAt}, the options, the descriptions) are immutable and validate their
 * input; the interfaces ({@link io.rivulet.api.Producer}, {@link io.rivulet.api.Consumer},
 * {@link io.rivulet.api.Admin}) are implemented by the engine, found at run time. Every stream honours
 * demand, and every error is a typed {@link io.rivulet.api.errors.RivuletException}.
 */
package io.rivulet.api;
