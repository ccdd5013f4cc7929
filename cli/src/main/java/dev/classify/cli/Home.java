package dev.classify.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the launcher lives ({@code -Dclassify.home}), for the quick-start example and plugins. */
final class Home {
    private Home() {}

    static Path directory() {
        String home = System.getProperty("classify.home");
        return home != null ? Path.of(home) : Path.of("");
    }

    static Path quickStartConfig() {
        Path file = directory().resolve("examples").resolve("quickstart.yaml");
        if (!Files.isRegularFile(file)) {
            throw new UsageException(
                    "no --config given and no quick-start configuration at "
                            + file.toAbsolutePath()
                            + "; give --config FILE");
        }
        return file;
    }
}
