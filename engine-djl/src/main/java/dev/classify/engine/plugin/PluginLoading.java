package dev.classify.engine.plugin;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Knows which plugin jars are being loaded, so that a jar whose code ends the JVM while it loads (a
 * static initializer calling {@code System.exit}) is named on the way out instead of classify
 * ending silently with the plugin's exit code.
 */
final class PluginLoading {
    private static final Set<Path> LOADING = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private PluginLoading() {}

    /** Runs {@code body}, which loads classes of {@code jar}, with the jar named as loading. */
    static void during(Path jar, Runnable body) {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(PluginLoading::report, "classify-plugin-exit"));
        }
        LOADING.add(jar);
        try {
            body.run();
        } finally {
            LOADING.remove(jar);
        }
    }

    private static void report() {
        for (Path jar : LOADING) {
            System.err.println(
                    "classify: plugin jar "
                            + jar
                            + " ended the JVM (System.exit) while loading; remove it from the"
                            + " plugins folder");
        }
        System.err.flush();
    }
}
