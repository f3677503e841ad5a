package io.rivulet.engine.lifecycle;

import io.rivulet.api.Rivulet;

import java.nio.file.Path;

/** Child JVM of {@link DataDirLockIT}: opens an engine on a directory, says so, and holds it until stdin closes. */
public final class LockHolderChild {
    public static void main(String[] args) throws Exception {
        try (Rivulet r = Rivulet.embedded(Path.of(args[0]))) {
            System.out.println("HOLDING " + ProcessHandle.current().pid());
            System.out.flush();
            while (System.in.read() != -1) {
                // wait for the parent to close our stdin
            }
        }
    }
}
