package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.classify.api.EpochMetrics;
import dev.classify.engine.config.EarlyStoppingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class EarlyStoppingTest {

    /** Replays validation accuracies (and losses) and returns the epoch that stops, or 0. */
    private static int stopEpoch(EarlyStoppingConfig config, double[] accuracy, double[] loss) {
        EarlyStopping rule = new EarlyStopping(config);
        for (int i = 0; i < accuracy.length; i++) {
            Optional<String> stop =
                    rule.endEpoch(new EpochMetrics(i + 1, 0.1, 1, 0.5, loss[i], accuracy[i], 1, 1));
            if (stop.isPresent()) {
                return i + 1;
            }
        }
        return 0;
    }

    @Test
    void comparesWithTheBestEpochNotThePreviousOne() {
        // Best 0.80 at epoch 2; epochs 3-5 improve on their predecessor but not on the best.
        double[] accuracy = {0.70, 0.80, 0.75, 0.77, 0.79, 0.95};
        double[] loss = new double[accuracy.length];
        assertThat(stopEpoch(new EarlyStoppingConfig(null, 3, null), accuracy, loss)).isEqualTo(5);
    }

    @Test
    void anImprovementSmallerThanMinDeltaDoesNotCount() {
        double[] accuracy = {0.80, 0.805, 0.809, 0.85};
        double[] loss = new double[accuracy.length];
        assertThat(stopEpoch(new EarlyStoppingConfig(null, 2, 0.01), accuracy, loss)).isEqualTo(3);
        assertThat(stopEpoch(new EarlyStoppingConfig(null, 2, 0.0), accuracy, loss)).isZero();
    }

    @Test
    void lowerIsBetterForTheLoss() {
        double[] loss = {0.9, 0.5, 0.6, 0.4, 0.45, 0.41};
        double[] accuracy = new double[loss.length];
        assertThat(stopEpoch(new EarlyStoppingConfig("val_loss", 2, null), accuracy, loss))
                .isEqualTo(6);
    }

    @Test
    void saysWhyItStops() {
        EarlyStopping rule = new EarlyStopping(new EarlyStoppingConfig(null, 1, null));
        List<Optional<String>> said = new ArrayList<>();
        said.add(rule.endEpoch(new EpochMetrics(1, 0.1, 1, 0.5, 0.5, 0.8, 1, 1)));
        said.add(rule.endEpoch(new EpochMetrics(2, 0.1, 1, 0.5, 0.5, 0.7, 1, 1)));
        assertThat(said.get(0)).isEmpty();
        assertThat(said.get(1))
                .hasValue(
                        "early stopping after epoch 2: val_accuracy has not improved on 0.8000"
                                + " (epoch 1) for 1 epochs");
    }
}
