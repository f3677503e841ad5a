package io.rivulet.test;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the annotated test class an in-process Rivulet engine on a temporary directory, injected into
 * test and lifecycle methods as a {@link io.rivulet.api.Rivulet} parameter.
 *
 * <pre>{@code
 * @RivuletTest
 * class OrdersTest {
 *     @Test
 *     void sendsAnOrder(Rivulet rivulet) {
 *         rivulet.admin().createTopic(NewTopic.of("orders")).block();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>For settings in code, or to reach the engine through a field, register a
 * {@link RivuletExtension} with {@code @RegisterExtension} instead (not both).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RivuletExtension.class)
public @interface RivuletTest {

    /** A new engine per test (default) or one per test class. */
    EngineScope scope() default EngineScope.PER_TEST;

    /**
     * Engine settings as {@code key=value}, e.g. {@code "num.partitions=3"}; they override the
     * extension's test defaults ({@link RivuletExtension#TEST_DEFAULTS}).
     */
    String[] config() default {};
}
