package dev.classify.cli;

import dev.classify.engine.Classify;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --plugins DIR} option every command shares, and the composition root it leads to. */
final class PluginsOption {
    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            description = "A folder of plugin jars (default: plugins/ beside the launcher).")
    Path plugins;

    /**
     * Returns the composition root over the class path's plugins and those in the chosen folder, or
     * in {@code plugins/} beside the launcher (which may be absent).
     *
     * @throws UsageException when a folder given with {@code --plugins} does not exist
     */
    Classify root() {
        if (plugins != null && !Files.isDirectory(plugins)) {
            throw new UsageException(
                    Files.exists(plugins)
                            ? plugins
                                    + ": is a file; give --plugins the folder that holds plugin jars"
                            : plugins + ": plugin folder not found; check --plugins");
        }
        Path directory = plugins != null ? plugins : Home.directory().resolve("plugins");
        return Classify.forPlugins(directory);
    }
}
