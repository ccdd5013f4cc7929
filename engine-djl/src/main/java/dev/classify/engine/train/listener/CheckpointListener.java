package dev.classify.engine.train.listener;

import static java.util.Objects.requireNonNull;

import dev.classify.api.EpochEnd;
import dev.classify.api.TrainingListener;
import dev.classify.engine.train.RunModule;
import dev.classify.engine.train.RunState;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * Writes {@code checkpoints/last} after every epoch and {@code checkpoints/best} after the best,
 * for {@code --resume}.
 */
final class CheckpointListener implements TrainingListener {
    private final RunState state;
    private final Path runDirectory;

    @Inject
    CheckpointListener(RunState state, @RunModule.RunFolder Path runDirectory) {
        this.state = requireNonNull(state, "state is null");
        this.runDirectory = requireNonNull(runDirectory, "runDirectory is null");
    }

    @Override
    public void epochFinished(EpochEnd epoch) {
        FileWrite.run(() -> state.writeCheckpoints(runDirectory, epoch.best()));
    }
}
