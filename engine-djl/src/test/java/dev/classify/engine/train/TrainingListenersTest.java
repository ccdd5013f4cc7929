package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.BatchProgress;
import dev.classify.api.EpochEnd;
import dev.classify.api.EpochMetrics;
import dev.classify.api.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class TrainingListenersTest {
    private static final EpochEnd EPOCH =
            new EpochEnd(new EpochMetrics(2, 0.1, 0.5, 0.8, 0.6, 0.7, 1.0, 100.0), 3, false);

    private static TrainingListener recording(String name, List<String> heard) {
        return new TrainingListener() {
            @Override
            public void batchFinished(BatchProgress progress) {
                heard.add(name + " batch " + progress.batch());
            }

            @Override
            public void epochFinished(EpochEnd epoch) {
                heard.add(name + " epoch " + epoch.metrics().epoch());
                epoch.requestStop(name + " stops");
            }
        };
    }

    @Test
    void callsTheListenersInTheirOrderAndKeepsTheFirstStopReason() throws IOException {
        List<String> heard = new ArrayList<>();
        Set<TrainingListener> bound = new LinkedHashSet<>();
        for (String name : List.of("first", "second", "third")) {
            bound.add(recording(name, heard));
        }
        TrainingListeners listeners = new TrainingListeners(bound);

        listeners.batchFinished(new BatchProgress(2, 7, 10, 448));
        listeners.epochFinished(EPOCH);

        assertThat(heard)
                .containsExactly(
                        "first batch 7",
                        "second batch 7",
                        "third batch 7",
                        "first epoch 2",
                        "second epoch 2",
                        "third epoch 2");
        assertThat(EPOCH.stopReason()).contains("first stops");
    }

    @Test
    void aFileABuiltInListenerCannotWriteLeavesAsTheIoExceptionItWas() {
        IOException failure = new NoSuchFileException("/run/metrics.csv");
        TrainingListeners listeners =
                new TrainingListeners(
                        Set.of(
                                new TrainingListener() {
                                    @Override
                                    public void epochFinished(EpochEnd epoch) {
                                        throw new UncheckedIOException(failure);
                                    }
                                }));

        assertThatThrownBy(() -> listeners.epochFinished(EPOCH)).isSameAs(failure);
    }
}
