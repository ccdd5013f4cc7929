package dev.classify.engine.train.listener;

import static java.util.Objects.requireNonNull;

import dev.classify.api.BatchProgress;
import dev.classify.api.EpochEnd;
import dev.classify.api.TrainingListener;
import dev.classify.engine.train.RunListener;
import jakarta.inject.Inject;

/**
 * Passes the progress to the {@link RunListener} of the person or application running the training
 * (the console's progress and epoch lines): every batch, and every epoch with whether it is the
 * best by validation accuracy (never without a hold-out).
 */
final class ConsoleListener implements TrainingListener {
    private final RunListener listener;

    @Inject
    ConsoleListener(RunListener listener) {
        this.listener = requireNonNull(listener, "listener is null");
    }

    @Override
    public void batchFinished(BatchProgress progress) {
        listener.batchFinished(
                progress.epoch(), progress.batch(), progress.batches(), progress.images());
    }

    @Override
    public void epochFinished(EpochEnd epoch) {
        listener.epochFinished(
                epoch.metrics(), epoch.epochs(), epoch.best() && epoch.metrics().hasValidation());
    }
}
