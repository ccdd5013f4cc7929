package dev.classify.cli;

import com.google.inject.Injector;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --plugins DIR} option every command shares, and the injector it leads to. */
final class PluginsOption {
    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            description = "A folder of plugin jars (default: plugins/ beside the launcher).")
    Path plugins;

    /** Builds the injector over the class path's plugins and those in the chosen folder. */
    Injector injector() {
        return Classify.injector(plugins);
    }
}
