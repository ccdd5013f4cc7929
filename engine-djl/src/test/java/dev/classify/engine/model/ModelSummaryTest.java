package dev.classify.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import dev.classify.engine.Classify;
import dev.classify.engine.plugin.PluginCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ModelSummaryTest {
    private final PluginCatalog catalog = Classify.forClassPath().catalog();

    private ModelSummary summary(String type, int c, int size, int classes, Map<String, Object> o) {
        Block block =
                catalog.model("model.type", type)
                        .create(new ModelSpec(c, size, size, classes, new Options("model", o)));
        return ModelSummary.of(block, new Shape(c, size, size));
    }

    @Test
    void countsTheSimpleCnnLayerByLayer() {
        ModelSummary summary = summary("simple-cnn", 1, 28, 10, Map.of());

        assertThat(summary.parameters()).isEqualTo(21_840);
        // conv1 10*24*24*25 + conv2 20*8*8*250 + fc 320*50 + fc 50*10
        assertThat(summary.multiplyAdds()).isEqualTo(144_000 + 320_000 + 16_000 + 500);
        assertThat(summary.flops()).isEqualTo(2 * 480_500);
        assertThat(summary.layers())
                .extracting(ModelSummary.Layer::type)
                .startsWith("Conv2d")
                .endsWith("Linear");
        assertThat(summary.layers().get(0).output()).isEqualTo(new Shape(1, 10, 24, 24));
    }

    @Test
    void resNet18MatchesTheReferenceParametersAndMultiplyAdds() {
        ModelSummary summary =
                summary("resnet", 3, 224, 1000, Map.of("depth", 18, "stem", "imagenet"));

        assertThat(summary.parameters()).isEqualTo(11_689_512);
        // Convolutions and the classifier of torchvision's resnet18 at 224x224 (fvcore: 1.814 G).
        assertThat(summary.multiplyAdds()).isEqualTo(1_814_073_344L);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        summary.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table)
                .contains("parameters: 11689512")
                .contains("flops: 3628146688")
                .contains("stem/");
    }

    @Test
    void marksFrozenLayersAndCountsTrainableParameters() {
        Block block =
                catalog.model("model.type", "resnet")
                        .create(
                                new ModelSpec(
                                        3,
                                        224,
                                        224,
                                        1000,
                                        new Options("model", Map.of("depth", 18))));
        var frozen =
                TopLevelLayers.of(block).frozen("--freeze", java.util.List.of("stem", "stage1"));
        ModelSummary summary = ModelSummary.of(block, new Shape(3, 224, 224), frozen);

        // torchvision: conv1 9,408 + bn1 128; layer1 2 x (2 x (36,864 + 128)).
        long stem = 9_408 + 128;
        long stage1 = 2 * 2 * (36_864 + 128);
        assertThat(summary.parameters()).isEqualTo(11_689_512);
        assertThat(summary.trainable()).isEqualTo(11_689_512 - stem - stage1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        summary.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table)
                .startsWith("layer")
                .contains("parameters: 11689512 (trainable " + summary.trainable() + ")")
                .containsPattern("\\nstem/conv .*  frozen\\n")
                .containsPattern("\\nstage1/block2/residual/bn2 .*  frozen\\n")
                .containsPattern("\\nstage2/block1/residual/conv1 .*[0-9]\\n");
        assertThat(table.lines().findFirst().orElseThrow()).endsWith("parameters  frozen");
    }

    @Test
    void printsNoFrozenColumnWhenNothingIsFrozen() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        summary("simple-cnn", 1, 28, 10, Map.of())
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table)
                .doesNotContain("frozen")
                .doesNotContain("trainable")
                .contains("parameters: 21840\n");
        assertThat(table.lines()).allMatch(line -> !line.endsWith(" "));
    }
}
