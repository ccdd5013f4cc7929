package dev.classify.engine.train;

import static java.util.Objects.requireNonNull;

import ai.djl.Model;
import ai.djl.training.Trainer;
import dev.classify.api.EpochEnd;
import dev.classify.api.EpochMetrics;
import dev.classify.api.RunEnd;
import dev.classify.api.RunStart;
import dev.classify.engine.config.TrainConfig;
import dev.classify.engine.train.schedule.EpochLearningRate;
import dev.classify.engine.train.schedule.LearningRateSchedule;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;

/**
 * Trains a run's epochs: opens the run folder ({@link RunOpening}), starts the model ({@link
 * ModelStart}), then per epoch sets the scheduled learning rate, lets {@link EpochRunner} train and
 * validate, records the epoch in {@link RunState} and tells the listeners, in their order. A
 * listener's {@link EpochEnd#requestStop} ends the run after the epoch; the reason goes to the
 * {@link RunListener}. Built per run by the composition root; not thread safe.
 */
public final class TrainingLoop {
    private final RunOpening opening;
    private final ModelStart modelStart;
    private final WeightAverageStart averageStart;
    private final EpochRunner runner;
    private final LearningRateSchedule schedule;
    private final EpochLearningRate learningRate;
    private final RunState state;
    private final TrainingListeners listeners;
    private final RunListener listener;
    private final StartingPoint start;
    private final int epochs;

    @Inject
    TrainingLoop(
            RunOpening opening,
            ModelStart modelStart,
            WeightAverageStart averageStart,
            EpochRunner runner,
            LearningRateSchedule schedule,
            EpochLearningRate learningRate,
            RunState state,
            TrainingListeners listeners,
            RunListener listener,
            StartingPoint start,
            TrainConfig train) {
        this.opening = requireNonNull(opening, "opening is null");
        this.modelStart = requireNonNull(modelStart, "modelStart is null");
        this.averageStart = requireNonNull(averageStart, "averageStart is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.schedule = requireNonNull(schedule, "schedule is null");
        this.learningRate = requireNonNull(learningRate, "learningRate is null");
        this.state = requireNonNull(state, "state is null");
        this.listeners = requireNonNull(listeners, "listeners is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.start = requireNonNull(start, "start is null");
        this.epochs = train.epochs();
    }

    /**
     * Trains from the run's starting point up to {@code train.epochs}, or until a listener stops
     * the run.
     *
     * @throws IOException when the run folder cannot be written
     * @throws RunInterruptedException when the {@link RunListener} asked to stop during an epoch
     */
    public void run() throws IOException {
        RunStart run = opening.open();
        Optional<String> stopped;
        try (Model model = modelStart.newModel()) {
            modelStart.load(model);
            try (Trainer trainer = modelStart.newTrainer(model)) {
                modelStart.initialize(model, trainer);
                Optional<WeightAverage> average = averageStart.open(model);
                state.open(model, trainer, average.orElse(null));
                try {
                    listeners.runStarted(run);
                    stopped = start.finishOnly() ? Optional.empty() : epochs(run.firstEpoch());
                } finally {
                    state.close();
                    average.ifPresent(WeightAverage::close);
                }
            }
        }
        listeners.runFinished(new RunEnd(state.history(), state.bestEpoch(), stopped));
    }

    /** Trains epochs {@code first..epochs}; returns why a listener stopped them, if one did. */
    private Optional<String> epochs(int first) throws IOException {
        for (int epoch = first; epoch <= epochs; epoch++) {
            double rate = schedule.learningRate();
            learningRate.set(rate);
            Optional<EpochMetrics> finished = runner.run(epoch, rate, epochs);
            if (finished.isEmpty()) {
                throw new RunInterruptedException(epoch, state.bestEpoch());
            }
            EpochMetrics metrics = finished.get();
            schedule.endEpoch(metrics);
            boolean best = state.add(metrics, runner::validationPredictions);
            EpochEnd end = new EpochEnd(metrics, epochs, best);
            listeners.epochFinished(end);
            if (end.stopReason().isPresent()) {
                listener.message(end.stopReason().get());
                return end.stopReason();
            }
        }
        return Optional.empty();
    }
}
