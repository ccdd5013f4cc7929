package dev.classify.engine.train.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.classify.api.ConfigurationException;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.ModelConfig;
import dev.classify.engine.config.OptimizerConfig;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.runtime.MemoryBudget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values the engine cannot hold are configuration errors found at preparation, from the parameters'
 * shapes, before any parameter is allocated.
 */
final class ParameterSizeTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private static final String CONFIG =
            """
            data:
              train:
                images: fashion-mnist-small/train.npy
                labels: fashion-mnist-small/train.csv
            model:
              type: simple-cnn
            train:
              device: cpu
            """;

    private static final OptimizerConfig SGD =
            new OptimizerConfig("sgd", null, null, null, null, null, null, null, null);

    private static PipelineConfig config(String override) {
        return new ConfigurationLoader()
                .parse(CONFIG, EXAMPLES, List.of(override), Path.of("size.yaml"));
    }

    @Test
    void refusesAHiddenLayerLargerThanAnMxnetTensor() {
        // Found by a tester: "internal error: EngineException ... larger than 2^31 elements".
        assertThatThrownBy(() -> Classify.forClassPath().prepare(config("model.hidden=2000000000")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "model.hidden: makes a parameter of shape (2000000000, 320), 640000000000"
                                + " elements, but MXNet holds at most 2147483646 elements in one"
                                + " tensor; lower model.hidden");
    }

    @Test
    void refusesTwoBillionClassesWithoutRunningOutOfMemory() {
        // Found by a tester: out of memory after gigabytes (the class names alone filled the heap).
        assertThatThrownBy(
                        () ->
                                Classify.forClassPath()
                                        .prepare(config("model.numClasses=2000000000")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        "model.numClasses: makes a parameter of shape (2000000000, 50),"
                                + " 100000000000 elements")
                .hasMessageEndingWith("; lower model.numClasses");
    }

    @Test
    void refusesConvolutionsTooWideForAnMxnetTensor() {
        assertThatThrownBy(
                        () ->
                                Classify.forClassPath()
                                        .prepare(config("model.channels=[100000, 100000]")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        "model.channels: makes a parameter of shape (100000, 100000, 5, 5),"
                                + " 250000000000 elements");
    }

    @Test
    void refusesANetworkOverTheMemoryBudgetNamingTheOptionThatMakesIt() {
        ModelConfig model = new ModelConfig("simple-cnn", null, null, Map.of("hidden", 5000));

        assertThatThrownBy(() -> check(model, 400_000))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "model.hidden: makes a network of at least 1605280 parameters, but"
                                + " training's memory budget of 0.0 GiB (a test's) holds 33333:"
                                + " each parameter takes 12 bytes with its gradient and sgd's"
                                + " state; lower model.hidden");
    }

    @Test
    void namesTheModelWhenNoOptionMakesTheLargestParameter() {
        ModelConfig model = new ModelConfig("simple-cnn", null, null, Map.of());

        assertThatThrownBy(() -> check(model, 100_000))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("model: makes a network of at least")
                .hasMessageEndingWith("; choose smaller model options");
    }

    @Test
    void acceptsANetworkWithinTheLimits() {
        ModelConfig model = new ModelConfig("simple-cnn", null, null, Map.of());

        assertThatCode(() -> check(model, 21_840 * 12)).doesNotThrowAnyException();
    }

    @Test
    void countsTheCopiesEachOptimizerHolds() {
        assertThat(ParameterSize.copies(SGD)).isEqualTo(3);
        assertThat(
                        ParameterSize.copies(
                                new OptimizerConfig(
                                        "sgd", null, 0.0, null, null, null, null, null, null)))
                .isEqualTo(2);
        assertThat(
                        ParameterSize.copies(
                                new OptimizerConfig(
                                        "adam", null, null, null, null, null, null, null, null)))
                .isEqualTo(4);
    }

    @Test
    void namesTheOptionWhoseValueIsTheLargestSize() {
        ModelConfig model =
                new ModelConfig("x", null, 10, Map.of("kernelSize", 5, "widths", List.of(8, 900)));

        assertThat(ParameterSize.keyOf(new Shape(900, 8, 5, 5), model)).isEqualTo("model.widths");
        assertThat(ParameterSize.keyOf(new Shape(10, 320), model)).isEqualTo("model.numClasses");
        assertThat(ParameterSize.keyOf(new Shape(320, 7), model)).isEqualTo("model");
    }

    @Test
    void onlyMxnetLimitsOneTensor() {
        assertThat(MemoryBudget.tensorElements("MXNet")).isEqualTo((1L << 31) - 2);
        assertThat(MemoryBudget.tensorElements("PyTorch")).isEqualTo(Long.MAX_VALUE);
        assertThat(MemoryBudget.trainingStateBytes()).isPositive();
    }

    /** Checks the simple CNN for 1x28x28 and 10 classes against a budget of {@code bytes}. */
    private static void check(ModelConfig model, long bytes) {
        ModelSpec spec = new ModelSpec(1, 28, 28, 10, new Options("model", model.options()));
        Block block =
                Classify.forClassPath().catalog().model("model.type", "simple-cnn").create(spec);
        ParameterSize.check(
                block,
                spec,
                model,
                SGD,
                "MXNet",
                MemoryBudget.tensorElements("MXNet"),
                bytes,
                "a test's");
    }
}
