package dev.classify.engine.train.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.ConfigurationException;
import dev.classify.api.EpochEnd;
import dev.classify.api.EpochMetrics;
import dev.classify.api.Options;
import dev.classify.api.TrainingListener;
import dev.classify.api.TrainingListenerProvider;
import dev.classify.engine.config.PluginConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class PluginListenerTest {
    private static final EpochEnd EPOCH =
            new EpochEnd(new EpochMetrics(1, 0.1, 0.5, 0.8, 0.6, 0.7, 1.0, 100.0), 3, true);

    /** Creates listeners that run {@code action} when an epoch ends. */
    private record FailingProvider(Runnable action) implements TrainingListenerProvider {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public String description() {
            return "fails when an epoch ends";
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
        return PluginListener.factory(
                        "listeners[1]",
                        new PluginConfig("failing", Map.of()),
                        new FailingProvider(action))
                .get();
    }

    @Test
    void aFailureNamesTheEntryThePluginAndItsClass() {
        TrainingListener listener =
                listener(
                        () -> {
                            throw new IllegalArgumentException("disk on fire");
                        });

        assertThatThrownBy(() -> listener.epochFinished(EPOCH))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(
                        "listeners[1]: listener 'failing' (" + FailingProvider.class.getName())
                .hasMessageContaining(
                        "failed in epochFinished: java.lang.IllegalArgumentException: disk on fire")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConfigurationProblemPassesAsTheListenerSaidIt() {
        TrainingListener listener =
                listener(
                        () -> {
                            throw new ConfigurationException("listeners[1].file", "is a folder");
                        });

        assertThatThrownBy(() -> listener.epochFinished(EPOCH))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("listeners[1].file: is a folder");
    }

    @Test
    void passesEveryEventOn() {
        List<String> heard = new ArrayList<>();
        TrainingListener listener = listener(() -> heard.add("epoch"));

        listener.epochFinished(EPOCH);

        assertThat(heard).containsExactly("epoch");
    }
}
