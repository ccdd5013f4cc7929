package dev.classify.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.classify.api.ConfigurationException;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SimpleCnnProviderTest {

    private static long parameterCount(Block block) {
        long count = 0;
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            count += parameter.getValue().getArray().size();
        }
        return count;
    }

    private static ModelSpec spec(int channels, int size, Map<String, Object> options) {
        return new ModelSpec(channels, size, size, 10, new Options("model", options));
    }

    @Test
    void baselineHasTheCourseParameterCountAndScoresEveryClass() {
        Block block = new SimpleCnnProvider().create(spec(1, 28, Map.of()));
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            NDArray input = manager.randomUniform(0, 1, new Shape(4, 1, 28, 28));
            NDArray output =
                    block.forward(new ParameterStore(manager, false), new NDList(input), false)
                            .singletonOrThrow();

            assertThat(parameterCount(block)).isEqualTo(21_840);
            assertThat(output.getShape()).isEqualTo(new Shape(4, 10));
        }
    }

    @Test
    void kernelSizeAndWidthsAreConfigurable() {
        Block block =
                new SimpleCnnProvider()
                        .create(
                                spec(
                                        3,
                                        32,
                                        Map.of(
                                                "kernelSize", 3,
                                                "channels", java.util.List.of(16, 32),
                                                "hidden", 64)));
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            // conv 3*16*9+16, conv 16*32*9+32, fc (32*6*6)*64+64, fc 64*10+10
            assertThat(parameterCount(block))
                    .isEqualTo(
                            3 * 16 * 9 + 16 + 16 * 32 * 9 + 32 + 32 * 36 * 64 + 64 + 64 * 10 + 10);
        }
    }

    @Test
    void reportsEveryBadOptionAtOnce() {
        assertThatThrownBy(
                        () ->
                                new SimpleCnnProvider()
                                        .create(
                                                spec(
                                                        1,
                                                        28,
                                                        Map.of(
                                                                "kernelSize", 4,
                                                                "hidden", 0,
                                                                "widths", 3))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("model.kernelSize: must be a positive odd number, got 4")
                .hasMessageContaining("model.hidden: must be at least 1, got 0")
                .hasMessageContaining("model.widths: unknown option 'widths'; known: [");
    }

    @Test
    void rejectsAnInputTooSmallForTwoStages() {
        assertThatThrownBy(() -> new SimpleCnnProvider().create(spec(1, 8, Map.of())))
                .hasMessageContaining("input 8x8 is too small");
    }
}
