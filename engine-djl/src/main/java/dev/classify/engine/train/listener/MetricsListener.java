package dev.classify.engine.train.listener;

import static java.util.Objects.requireNonNull;

import dev.classify.api.EpochEnd;
import dev.classify.api.RunStart;
import dev.classify.api.TrainingListener;
import dev.classify.engine.train.RunModule;
import dev.classify.engine.train.RunState;
import dev.classify.report.MetricsFile;
import dev.classify.report.RunFiles;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * Writes the run's {@code metrics.csv} after every epoch: a resumed run's earlier rows (written
 * again when it starts, from its checkpoint's history), then one row per epoch.
 */
final class MetricsListener implements TrainingListener {
    private final RunState state;
    private final Path file;
    private MetricsFile metrics;

    @Inject
    MetricsListener(RunState state, @RunModule.RunFolder Path runDirectory) {
        this.state = requireNonNull(state, "state is null");
        this.file = runDirectory.resolve(RunFiles.METRICS);
    }

    @Override
    public void runStarted(RunStart run) {
        metrics = new MetricsFile(file, state.history());
        if (!state.history().isEmpty()) {
            // A resumed run's process may have been killed before its last row was written.
            FileWrite.run(metrics::write);
        }
    }

    @Override
    public void epochFinished(EpochEnd epoch) {
        FileWrite.run(() -> metrics.append(epoch.metrics()));
    }
}
