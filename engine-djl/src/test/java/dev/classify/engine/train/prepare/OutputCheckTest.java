package dev.classify.engine.train.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.classify.api.ConfigurationException;
import dev.classify.api.ModelProvider;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import dev.classify.engine.Classify;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.plugin.PluginException;
import dev.classify.engine.plugin.TestPluginJar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host runs a model once on a tiny batch before training and refuses one that does not return
 * (N, numClasses) logits, naming the plugin.
 */
final class OutputCheckTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final String PROVIDER = "com.example.Wrn";

    private static final String CONFIG =
            """
            data:
              train:
                images: fashion-mnist-small/train.npy
                labels: fashion-mnist-small/train.csv
            model:
              type: wrn
            augment:
              train: [to-rgb, {type: resize, size: 32}]
              eval: [to-rgb, {type: resize, size: 32}]
            train:
              device: cpu
            """;

    @TempDir Path plugins;

    /** The model {@code wrn} in {@code wrn.jar} whose last layer has {@code units} outputs. */
    private Classify wrn(String units) throws IOException {
        String create =
                "return new ai.djl.nn.SequentialBlock()"
                        + ".add(ai.djl.nn.Blocks.batchFlattenBlock())"
                        + ".add(ai.djl.nn.core.Linear.builder().setUnits("
                        + units
                        + ").build());";
        new TestPluginJar()
                .source(PROVIDER, TestPluginJar.model(PROVIDER, "\"wrn\"", "\"wrn\"", create))
                .provides(ModelProvider.class, PROVIDER)
                .version("1.0")
                .writeTo(plugins.resolve("wrn.jar"));
        return Classify.forPlugins(plugins);
    }

    private static PipelineConfig config(Classify root) {
        return root.configurationLoader().parse(CONFIG, EXAMPLES, List.of(), Path.of("wrn.yaml"));
    }

    @Test
    void refusesAModelThatForgetsTheNumberOfClassesBeforeTraining() throws IOException {
        // Found by an outside plugin author: 5 scores for 10 classes trained a whole epoch, then
        // ended in "internal error: ArrayIndexOutOfBoundsException".
        Classify root = wrn("5");

        assertThatThrownBy(() -> root.prepare(config(root)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "model.type: model 'wrn' (class com.example.Wrn, jar "
                                + plugins.resolve("wrn.jar")
                                + ", version 1.0) returns (2, 5) for 2 images of 3x32x32, but 10"
                                + " classes need (2, 10); build the last layer with"
                                + " spec.numClasses()");
    }

    @Test
    void acceptsAModelThatScoresEveryClass() throws IOException {
        Classify root = wrn("spec.numClasses()");

        assertThat(root.prepare(config(root)).spec().numClasses()).isEqualTo(10);
    }

    @Test
    void refusesSeveralOutputs() {
        SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock());
        ai.djl.nn.ParallelBlock twice =
                new ai.djl.nn.ParallelBlock(
                        lists ->
                                new ai.djl.ndarray.NDList(lists.get(0).get(0), lists.get(1).get(0)),
                        List.of(
                                Linear.builder().setUnits(3).build(),
                                Linear.builder().setUnits(3).build()));
        block.add(twice);

        assertThatThrownBy(() -> OutputCheck.check(block, spec(3), "model 'two'", "MXNet"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "model.type: model 'two' returns 2 arrays (2, 3), (2, 3) for 2 images of"
                                + " 1x4x4, but 3 classes need (2, 3); build the last layer with"
                                + " spec.numClasses() and return one array");
    }

    @Test
    void aForwardPassThatFailsNamesThePlugin() {
        SequentialBlock block =
                new SequentialBlock()
                        .add(
                                array -> {
                                    throw new IllegalStateException("boom");
                                });

        assertThatThrownBy(() -> OutputCheck.check(block, spec(3), "model 'bad'", "MXNet"))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith(
                        "model 'bad' failed on 2 images of 1x4x4: java.lang.IllegalStateException:"
                                + " boom");
    }

    @Test
    void runsOnEveryEngine() {
        for (String engine : List.of("MXNet", "PyTorch")) {
            SequentialBlock block =
                    new SequentialBlock()
                            .add(Blocks.batchFlattenBlock())
                            .add(Linear.builder().setUnits(3).build());
            assertThatCode(() -> OutputCheck.check(block, spec(3), "model 'mlp'", engine))
                    .doesNotThrowAnyException();
        }
    }

    private static ModelSpec spec(int classes) {
        return new ModelSpec(1, 4, 4, classes, new Options("model", Map.of()));
    }
}
