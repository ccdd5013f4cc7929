package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.classify.api.ConfigurationException;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.model.ModelDefinition;
import dev.classify.engine.model.ModelDescription;
import dev.classify.engine.model.SavedParameters;
import dev.classify.engine.model.weights.ImportedWeights;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model.pretrained: FILE.safetensors}: the import tests' scaled-down torchvision ResNet-18
 * (width 1/8, imagenet stem, 5 classes, float16) fine-tuned on 300 images of the committed
 * Fashion-MNIST subset as RGB, 10 classes, with the stem frozen.
 */
final class SafetensorsFineTuneTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private static final String CONFIG =
            """
            data:
              train:
                images: fashion-mnist-small/train.npy
                labels: fashion-mnist-small/train.csv
              validation: {size: 5700, seed: 42}
            model: {type: resnet, depth: 18, stem: imagenet, width: 0.125}
            augment:
              train: [to-rgb]
              eval: [to-rgb]
            train:
              epochs: 1
              batchSize: 50
              freeze: [stem]
              device: cpu
              seed: 42
            """;

    private final Classify root = Classify.forClassPath();

    private static Path weights() throws URISyntaxException {
        return Path.of(
                SafetensorsFineTuneTest.class
                        .getResource(
                                "/dev/classify/engine/model/weights/torchvision/"
                                        + "resnet18-w0.125-f16.safetensors")
                        .toURI());
    }

    private static PipelineConfig config(String... overrides) {
        return new ConfigurationLoader()
                .parse(CONFIG, EXAMPLES, List.of(overrides), Path.of("safetensors-test.yaml"));
    }

    @Test
    void startsFromTheFileWithANewHeadAndKeepsTheFrozenStem(@TempDir Path run)
            throws IOException, URISyntaxException {
        List<String> said = new ArrayList<>();
        root.train(
                root.prepare(config("model.pretrained=" + weights())),
                run,
                new RunListener() {
                    @Override
                    public void message(String text) {
                        said.add(text);
                    }
                });

        assertThat(said)
                .anyMatch(
                        m ->
                                m.startsWith("pretrained: ")
                                        && m.contains("(resnet, 5 classes)")
                                        && m.endsWith(
                                                "head 'classifier' re-initialised for 10 classes"));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "MXNet")) {
            ModelDefinition trained = ModelDefinition.open(run, root.catalog());
            Map<String, NDArray> after = SavedParameters.read(trained, manager);
            Block block = trained.newBlock();
            ModelDescription description = trained.description();
            int[] chw = description.inputShape();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, chw[0], chw[1], chw[2]));
            Map<String, NDArray> file =
                    ImportedWeights.read(weights(), block, "resnet", manager, false);
            for (String key : file.keySet()) {
                boolean same = after.get(key).contentEquals(file.get(key));
                assertThat(same).as(key).isEqualTo(key.startsWith("01stem_"));
            }
        }
    }

    @Test
    void refusesAFileOfAnotherNetworkNamingTheKey(@TempDir Path run) {
        assertThatThrownBy(
                        () ->
                                root.train(
                                        root.prepare(
                                                config(
                                                        "model.pretrained=" + weights(),
                                                        "model.depth=34")),
                                        run,
                                        new RunListener() {}))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(
                        e ->
                                assertThat(((ConfigurationException) e).problems())
                                        .allMatch(p -> p.startsWith("model.pretrained: ")))
                .hasMessageContaining("resnet18-w0.125-f16.safetensors");
    }
}
