package dev.classify.engine.train.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Binding;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.InstanceBinding;
import com.google.inject.spi.LinkedKeyBinding;
import com.google.inject.spi.ProviderInstanceBinding;
import dev.classify.api.Options;
import dev.classify.api.TrainingListener;
import dev.classify.api.TrainingListenerProvider;
import dev.classify.engine.config.PluginConfig;
import dev.classify.engine.plugin.PluginCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order in which a run's listeners are bound, read from the module's bindings. */
final class ListenerModuleTest {
    private static final TrainingListenerProvider QUIET =
            new TrainingListenerProvider() {
                @Override
                public String name() {
                    return "quiet";
                }

                @Override
                public String description() {
                    return "hears nothing";
                }

                @Override
                public TrainingListener create(Options options) {
                    options.validate();
                    return new TrainingListener() {};
                }
            };

    private static final PluginCatalog CATALOG =
            new PluginCatalog(Map.of(), Map.of(), Map.of(), Map.of("quiet", QUIET));

    /** The listener set's elements in binding order: built-in classes, "plugin" for the others. */
    private static List<String> boundListeners(ListenerModule module) {
        List<String> bound = new ArrayList<>();
        for (Element element : Elements.getElements(module)) {
            if (element instanceof Binding<?> binding
                    && binding.getKey().getTypeLiteral().getRawType() == TrainingListener.class) {
                if (binding instanceof LinkedKeyBinding<?> linked) {
                    bound.add(linked.getLinkedKey().getTypeLiteral().getRawType().getSimpleName());
                } else if (binding instanceof ProviderInstanceBinding<?>) {
                    bound.add("plugin");
                } else if (binding instanceof InstanceBinding<?>) {
                    bound.add("given");
                }
            }
        }
        return bound;
    }

    @Test
    void theBuiltInListenersComeInTodaysOrder() {
        // The order the epoch loop wrote its files in before listeners existed: the console line
        // after the files, early stopping last, so that its reason follows the epoch's line.
        assertThat(ListenerModule.BUILT_IN)
                .extracting(Class::getSimpleName)
                .containsExactly(
                        "BestModelListener",
                        "CheckpointListener",
                        "MetricsListener",
                        "CurvesListener",
                        "ConsoleListener",
                        "EarlyStoppingListener");
    }

    @Test
    void bindsTheBuiltInListenersThenTheConfiguredOnesThenTheGivenOnesInOrder() {
        ListenerModule module =
                new ListenerModule(
                        List.of(
                                new PluginConfig("quiet", Map.of()),
                                new PluginConfig("quiet", Map.of())),
                        CATALOG,
                        List.of(new TrainingListener() {}));

        assertThat(boundListeners(module))
                .containsExactly(
                        "BestModelListener",
                        "CheckpointListener",
                        "MetricsListener",
                        "CurvesListener",
                        "ConsoleListener",
                        "EarlyStoppingListener",
                        "plugin",
                        "plugin",
                        "given");
    }

    @Test
    void withoutConfiguredListenersOnlyTheBuiltInOnes() {
        assertThat(boundListeners(new ListenerModule(List.of(), CATALOG, List.of())))
                .hasSize(ListenerModule.BUILT_IN.size())
                .doesNotContain("plugin");
    }
}
