package dev.classify.engine.train.listener;

import dev.classify.api.EpochEnd;
import dev.classify.api.EpochMetrics;
import dev.classify.api.TrainingListener;
import dev.classify.engine.config.TrainConfig;
import dev.classify.engine.train.EarlyStopping;
import dev.classify.engine.train.StartingPoint;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Asks the run to stop when {@code train.earlyStopping} says so (does nothing without it). A
 * resumed run's history is replayed into the rule first: the rule is a function of the metrics
 * alone, so its state is rebuilt exactly.
 */
final class EarlyStoppingListener implements TrainingListener {
    private final Optional<EarlyStopping> rule;

    @Inject
    EarlyStoppingListener(TrainConfig train, StartingPoint start) {
        this.rule = Optional.ofNullable(train.earlyStopping()).map(EarlyStopping::new);
        for (EpochMetrics metrics : start.history()) {
            rule.ifPresent(r -> r.endEpoch(metrics));
        }
    }

    @Override
    public void epochFinished(EpochEnd epoch) {
        rule.flatMap(r -> r.endEpoch(epoch.metrics())).ifPresent(epoch::requestStop);
    }
}
