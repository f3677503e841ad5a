package io.rivulet.api.errors;

/**
 * {@code Rivulet.embedded(...)} or {@code Rivulet.connect(...)} found no engine to run it: no
 * {@code io.rivulet.api.spi.RivuletProvider} on the classpath supports the request. The fix is almost
 * always to add the engine artifact, {@value #ENGINE_ARTIFACT}, as a runtime dependency.
 */
public class EngineNotFoundException extends RivuletException {
    private static final long serialVersionUID = 1L;

    /** The Maven coordinates of the artifact that provides the engine. */
    public static final String ENGINE_ARTIFACT = "io.rivulet:rivulet-engine";

    /** An error whose message says what was asked for and which artifact supplies it. */
    public EngineNotFoundException(String message) {
        super(ErrorCode.ENGINE_NOT_FOUND, message);
    }

    /** As {@link #EngineNotFoundException(String)}, with the failure that kept a provider from loading. */
    public EngineNotFoundException(String message, Throwable cause) {
        super(ErrorCode.ENGINE_NOT_FOUND, message, cause);
    }
}
