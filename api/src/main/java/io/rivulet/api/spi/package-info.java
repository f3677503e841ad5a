/**
 * The service-provider interface an engine implements to be found by {@link io.rivulet.api.Rivulet}.
 * Applications never use this package directly.
 */
package io.rivulet.api.spi;
