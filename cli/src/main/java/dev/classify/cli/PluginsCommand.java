package dev.classify.cli;

import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.plugin.PluginDescription;
import dev.classify.engine.plugin.PluginKind;
import dev.classify.engine.plugin.PluginOrigin;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code classify plugins}: every plugin of every kind, with its description, options and defaults,
 * and where it came from (class, jar or class path, version).
 */
@Command(
        name = "plugins",
        mixinStandardHelpOptions = true,
        description =
                "Lists every plugin (models, augmenters, datasets, listeners) with its options,"
                        + " defaults, class, jar and version.")
final class PluginsCommand implements Callable<Integer> {
    @Mixin PluginsOption plugins;

    @Override
    public Integer call() {
        Logging.quiet();
        PluginCatalog catalog = plugins.root().catalog();
        // Every plugin is asked first, so that one failing to describe itself leaves no half list.
        Map<PluginKind, List<PluginDescription>> all = new EnumMap<>(PluginKind.class);
        for (PluginKind kind : PluginKind.values()) {
            all.put(kind, catalog.describe(kind));
        }
        all.forEach(PluginsCommand::print);
        return 0;
    }

    private static void print(PluginKind kind, List<PluginDescription> described) {
        System.out.println(kind.plural() + ":");
        if (described.isEmpty()) {
            System.out.println("  (none)");
        }
        for (PluginDescription plugin : described) {
            PluginOrigin origin = plugin.origin();
            System.out.println("  " + origin.name() + ": " + plugin.description());
            System.out.println(
                    "      class "
                            + origin.className()
                            + ", "
                            + origin.location()
                            + ", version "
                            + origin.version());
            ModelsCommand.printOptions(plugin.options(), "      ");
        }
    }
}
