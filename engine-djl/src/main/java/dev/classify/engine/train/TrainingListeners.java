package dev.classify.engine.train;

import dev.classify.api.BatchProgress;
import dev.classify.api.EpochEnd;
import dev.classify.api.RunEnd;
import dev.classify.api.RunStart;
import dev.classify.api.TrainingListener;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A run's listeners in the order they were bound: the built-in ones (run folder files, console,
 * early stopping), then the configuration's {@code listeners:}. A built-in listener reports a file
 * it cannot write with an {@link UncheckedIOException}; it leaves here as the {@link IOException}
 * it wraps, as when the loop wrote the files itself. Not thread safe.
 */
final class TrainingListeners {
    private final List<TrainingListener> listeners;

    /**
     * @param listeners the listeners, iterated in their binding order (Guice's set keeps it)
     */
    @Inject
    TrainingListeners(Set<TrainingListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** No listener at all, for steps driven outside a run (benchmarks). */
    static TrainingListeners none() {
        return new TrainingListeners(Set.of());
    }

    void runStarted(RunStart run) throws IOException {
        each(listener -> listener.runStarted(run));
    }

    void batchFinished(BatchProgress progress) throws IOException {
        each(listener -> listener.batchFinished(progress));
    }

    void epochFinished(EpochEnd epoch) throws IOException {
        each(listener -> listener.epochFinished(epoch));
    }

    void runFinished(RunEnd run) throws IOException {
        each(listener -> listener.runFinished(run));
    }

    private void each(Consumer<TrainingListener> call) throws IOException {
        for (TrainingListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
