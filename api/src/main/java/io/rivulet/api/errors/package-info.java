/**
 * Typed errors. Every failure Rivulet reports is a {@link io.rivulet.api.errors.RivuletException}
 * carrying an {@link io.rivulet.api.errors.ErrorCode}; the subclasses add the facts a caller needs
 * to act (the topic, the valid offset range, the config key) and their messages say what to change.
 *
 * <p>Errors reach reactive callers as the terminal {@code onError} signal of the {@code Flux} or
 * {@code Mono} involved; only the synchronous entry points (options builders, {@code Rivulet.embedded},
 * value constructors) throw them directly.
 */
package io.rivulet.api.errors;
