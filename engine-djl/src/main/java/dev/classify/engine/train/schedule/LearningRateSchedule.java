package dev.classify.engine.train.schedule;

import dev.classify.api.EpochMetrics;
import dev.classify.engine.config.SchedulerConfig;

/** Decides the learning rate of each epoch from the epochs before it. Not thread safe. */
public interface LearningRateSchedule {
    /** Returns the learning rate for the coming epoch. */
    double learningRate();

    /** Takes the metrics of the epoch just finished. */
    void endEpoch(EpochMetrics metrics);

    /**
     * Creates the schedule that {@code config} (validated) describes, starting at {@code initial},
     * for a run of {@code epochs} epochs.
     */
    static LearningRateSchedule create(SchedulerConfig config, double initial, int epochs) {
        return switch (config.type()) {
            case "step" -> new StepSchedule(initial, config.stepEpochs(), config.gamma());
            case "multistep" -> new MultiStepSchedule(initial, config.milestones(), config.gamma());
            case "cosine" ->
                    new CosineSchedule(initial, config.minLr(), epochs, config.warmupEpochs());
            case "plateau" -> new PlateauSchedule(initial, config);
            default -> new ConstantSchedule(initial);
        };
    }
}
