/**
 * JUnit 5 support for testing code that uses Rivulet: {@link io.rivulet.test.RivuletTest} and
 * {@link io.rivulet.test.RivuletExtension} give a test, or a test class, an in-process engine on a
 * temporary directory, injected as a {@link io.rivulet.api.Rivulet} parameter and closed and deleted
 * afterwards.
 */
package io.rivulet.test;
