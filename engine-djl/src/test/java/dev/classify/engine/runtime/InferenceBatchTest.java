package dev.classify.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import dev.classify.engine.Classify;
import dev.classify.engine.plugin.PluginCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class InferenceBatchTest {
    private static final long MB = 1_000_000;

    @Test
    void keepsTheBatchOfASmallNetwork() {
        assertThat(InferenceBatch.cap(256, 100_000, 4096L << 20)).isEqualTo(256);
    }

    @Test
    void lowersTheBatchToTheBudget() {
        // ResNet-50 at 3x224x224: about 150 MB an image.
        assertThat(InferenceBatch.cap(256, 150 * MB, 4096L << 20)).isEqualTo(28);
        assertThat(InferenceBatch.cap(256, 10_000 * MB, 4096L << 20)).isEqualTo(1);
    }

    @Test
    void rejectsAnEmptyBatch() {
        assertThatThrownBy(() -> InferenceBatch.cap(0, MB, MB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void theBudgetIsBetweenHalfAGibibyteAndFour() {
        assertThat(InferenceBatch.budgetBytes())
                .isBetween(512L << 20, InferenceBatch.MAX_BUDGET_BYTES);
    }

    @Test
    void measuresEveryArrayTheForwardPassLeaves() {
        try (NDManager parent = NDManager.newBaseManager()) {
            long bytes =
                    InferenceBatch.measure(
                            parent,
                            manager -> manager.zeros(new Shape(1, 1, 28, 28)).add(1).mul(2));

            assertThat(bytes).isEqualTo(3 * 28 * 28 * 4);
            assertThat(parent.getManagedArrays()).isEmpty();
        }
    }

    @Test
    void measuresTheActivationsOfAWholeNetwork() {
        PluginCatalog catalog = Classify.forClassPath().catalog();
        Block block =
                catalog.model("model.type", "resnet")
                        .create(
                                new ModelSpec(
                                        1,
                                        28,
                                        28,
                                        10,
                                        new Options(
                                                "model", Map.of("depth", 18, "stem", "small"))));
        try (Model model = Model.newInstance("resnet-18")) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 28, 28));

            long one = measure(model, block, 1);
            long four = measure(model, block, 4);

            // Far more than the input and output: every layer's output is still held.
            assertThat(one).isGreaterThan(100 * 28 * 28 * 4);
            assertThat(four).isEqualTo(4 * one);
        }
    }

    private static long measure(Model model, Block block, int images) {
        return InferenceBatch.measure(
                model.getNDManager(),
                manager -> {
                    NDArray input = manager.ones(new Shape(images, 1, 28, 28));
                    return block.forward(
                            new ParameterStore(manager, false), new NDList(input), false);
                });
    }
}
