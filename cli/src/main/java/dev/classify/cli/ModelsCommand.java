package dev.classify.cli;

import dev.classify.api.ModelProvider;
import dev.classify.api.OptionInfo;
import dev.classify.engine.plugin.PluginCatalog;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code classify models}: every discovered architecture, with its options and defaults. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "Lists every architecture (model.type) with its options and defaults.")
final class ModelsCommand implements Callable<Integer> {
    @Mixin PluginsOption plugins;

    @Override
    public Integer call() {
        Logging.quiet();
        PluginCatalog catalog = plugins.root().catalog();
        for (ModelProvider provider : catalog.models().values()) {
            System.out.println(provider.name() + ": " + provider.description());
            printOptions(provider.options(), "    ");
        }
        return 0;
    }

    /** Prints one line per option: its name, what it does and its default. */
    static void printOptions(List<OptionInfo> options, String indent) {
        for (OptionInfo option : options) {
            System.out.printf(
                    "%s%-12s %s (default: %s)%n",
                    indent, option.name(), option.description(), option.defaultValue());
        }
    }
}
