package dev.classify.engine.train.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.classify.api.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingDivergenceTest {
    @Test
    void namesTheLearningRateAndTheEpoch() {
        ConfigurationException error = TrainingDivergence.of(Double.NaN, 3, "MXNet", Map.of());

        assertThat(error.getMessage())
                .contains("train.optimizer.learningRate")
                .contains("the training loss became NaN in epoch 3; lower the learning rate")
                .doesNotContain("MALLOC_PERTURB_");
    }

    @Test
    void onPyTorchWithoutTheFillPointsToTheKnownLibtorchDefect() {
        ConfigurationException error =
                TrainingDivergence.of(Double.POSITIVE_INFINITY, 1, "PyTorch", Map.of());

        assertThat(error.getMessage())
                .contains("the training loss became Infinity in epoch 1")
                .contains("run again with MALLOC_PERTURB_=255 in the environment");
    }

    @Test
    void onPyTorchWithTheFillSetSaysNothingMore() {
        ConfigurationException error =
                TrainingDivergence.of(Double.NaN, 1, "PyTorch", Map.of("MALLOC_PERTURB_", "255"));

        assertThat(error.getMessage()).doesNotContain("MALLOC_PERTURB_");
    }
}
