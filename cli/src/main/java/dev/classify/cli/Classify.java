package dev.classify.cli;

import com.google.inject.Injector;
import java.nio.file.Path;

/** Builds the injector with the plugin folder the user chose, or the default one. */
final class Classify {
    private Classify() {}

    static Injector injector(Path plugins) {
        Path directory = plugins != null ? plugins : Home.directory().resolve("plugins");
        if (plugins != null && !java.nio.file.Files.isDirectory(plugins)) {
            throw new UsageException(plugins + ": plugin folder not found; check --plugins");
        }
        return dev.classify.engine.Classify.createInjector(directory);
    }
}
