package dev.classify.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.ConfigurationException;
import dev.classify.api.EpochEnd;
import dev.classify.api.EpochMetrics;
import dev.classify.api.Options;
import dev.classify.api.TrainingListener;
import dev.classify.api.TrainingListenerProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A listener plugin's events are plugin calls: failures name the plugin. */
final class ListenerPluginTest {
    private static final EpochEnd EPOCH =
            new EpochEnd(new EpochMetrics(1, 0.1, 0.5, 0.8, 0.6, 0.7, 1.0, 100.0), 3, true);

    /** Creates listeners that run {@code action} when an epoch ends. */
    private record EpochProvider(Runnable action) implements TrainingListenerProvider {
        @Override
        public String name() {
            return "on-epoch";
        }

        @Override
        public String description() {
            return "acts when an epoch ends";
        }

        @Override
        public TrainingListener create(Options options) {
            options.validate();
            return new TrainingListener() {
                @Override
                public void epochFinished(EpochEnd epoch) {
                    action.run();
                }
            };
        }
    }

    private static TrainingListener listener(Runnable action) {
        PluginCatalog catalog =
                new PluginCatalog(
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        Map.of("on-epoch", new EpochProvider(action)));
        return catalog.listener("listeners[0].type", "on-epoch")
                .create(new Options("listeners[0]", Map.of()));
    }

    @Test
    void aFailureInAnEventNamesThePlugin() {
        TrainingListener listener =
                listener(
                        () -> {
                            throw new IllegalArgumentException("disk on fire");
                        });

        assertThatThrownBy(() -> listener.epochFinished(EPOCH))
                .isInstanceOf(PluginException.class)
                .hasMessage(
                        "listener 'on-epoch' (class "
                                + EpochProvider.class.getName()
                                + ", class path) failed in epochFinished():"
                                + " java.lang.IllegalArgumentException: disk on fire")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConfigurationProblemPassesAsTheListenerSaidIt() {
        TrainingListener listener =
                listener(
                        () -> {
                            throw new ConfigurationException("listeners[0].file", "is a folder");
                        });

        assertThatThrownBy(() -> listener.epochFinished(EPOCH))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("listeners[0].file: is a folder");
    }

    @Test
    void passesTheEventOnWithThePluginsContextClassLoader() {
        List<ClassLoader> heard = new ArrayList<>();
        TrainingListener listener =
                listener(() -> heard.add(Thread.currentThread().getContextClassLoader()));

        listener.epochFinished(EPOCH);

        assertThat(heard).containsExactly(EpochProvider.class.getClassLoader());
    }
}
