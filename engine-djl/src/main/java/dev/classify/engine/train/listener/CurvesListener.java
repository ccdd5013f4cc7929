package dev.classify.engine.train.listener;

import static java.util.Objects.requireNonNull;

import dev.classify.api.EpochEnd;
import dev.classify.api.RunStart;
import dev.classify.api.TrainingListener;
import dev.classify.engine.train.RunModule;
import dev.classify.engine.train.RunState;
import dev.classify.report.CurvesChart;
import dev.classify.report.RunFiles;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * Draws the run's {@code curves.png} again after every epoch, from the whole history, and when a
 * resumed run starts.
 */
final class CurvesListener implements TrainingListener {
    private final RunState state;
    private final Path file;

    @Inject
    CurvesListener(RunState state, @RunModule.RunFolder Path runDirectory) {
        this.state = requireNonNull(state, "state is null");
        this.file = runDirectory.resolve(RunFiles.CURVES);
    }

    @Override
    public void runStarted(RunStart run) {
        if (!state.history().isEmpty()) {
            // A resumed run's process may have been killed before the last epoch was drawn.
            FileWrite.run(() -> CurvesChart.write(file, state.history()));
        }
    }

    @Override
    public void epochFinished(EpochEnd epoch) {
        FileWrite.run(() -> CurvesChart.write(file, state.history()));
    }
}
