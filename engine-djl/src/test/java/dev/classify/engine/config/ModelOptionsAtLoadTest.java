package dev.classify.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.classify.api.ConfigurationException;
import dev.classify.api.ModelProvider;
import dev.classify.engine.Classify;
import dev.classify.engine.embed.TrainingRun;
import dev.classify.engine.plugin.TestPluginJar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model's options are checked when the configuration is loaded, together with every other
 * problem and before any data file is opened; problems that may come from the placeholder input are
 * left to preparation.
 */
final class ModelOptionsAtLoadTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir Path folder;

    private static PipelineConfig load(Classify root, String yaml, String... overrides) {
        return root.configurationLoader()
                .parse(yaml, EXAMPLES, List.of(overrides), Path.of("options.yaml"));
    }

    @Test
    void reportsABadModelOptionWithABadAugmenterAndNeverTheMissingFile() {
        // Found by a tester: the augmenter's problem hid kernelSize's, which came only after the
        // data had loaded.
        ConfigurationException e =
                catchThrowableOfType(
                        ConfigurationException.class,
                        () ->
                                load(
                                        Classify.forClassPath(),
                                        """
                                        data:
                                          train: {images: missing.npy, labels: missing.csv}
                                        model: {type: simple-cnn, kernelSize: 4}
                                        augment:
                                          train: [{type: random-crop, size: -3}]
                                        """));

        assertThat(e.problems())
                .containsExactly(
                        "model.kernelSize: must be a positive odd number, got 4",
                        "augment.train[0].size: must be positive, got -3");
    }

    @Test
    void reportsModelOptionsWithEveryOtherKindOfProblem() {
        ConfigurationException e =
                catchThrowableOfType(
                        ConfigurationException.class,
                        () ->
                                load(
                                        Classify.forClassPath(),
                                        """
                                        data:
                                          train: {images: missing.npy, labels: missing.csv}
                                          tset: {images: missing.npy}
                                        model: {type: simple-cnn, hidden: 0, channels: [8], depth: 3}
                                        augment:
                                          eval: [{type: center-crop}]
                                        listeners: [{type: json-lines}]
                                        """));

        assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).startsWith("data.tset: unknown key 'tset'"))
                .anySatisfy(p -> assertThat(p).startsWith("augment.eval[0].size"))
                .anySatisfy(p -> assertThat(p).startsWith("listeners[0].type: unknown listener"))
                .contains("model.hidden: must be at least 1, got 0")
                .contains("model.channels: must be two positive widths, got [8]")
                .anySatisfy(p -> assertThat(p).startsWith("model.depth: unknown option 'depth'"))
                .noneSatisfy(p -> assertThat(p).contains("missing.npy"));
    }

    @Test
    void theBuilderReportsThemTogetherToo() {
        ConfigurationException e =
                catchThrowableOfType(
                        ConfigurationException.class,
                        () ->
                                TrainingRun.builder()
                                        .trainImages(
                                                folder.resolve("missing.npy"),
                                                folder.resolve("missing.csv"))
                                        .model("simple-cnn", Map.of("kernelSize", 4))
                                        .trainStep("random-crop", Map.of("size", -3))
                                        .build());

        assertThat(e.problems())
                .containsExactly(
                        "model.kernelSize: must be a positive odd number, got 4",
                        "augment.train[0].size: must be positive, got -3");
    }

    @Test
    void leavesWhatOnlyTheRealInputDecidesToPreparation() {
        // 27x27 kernels are too large for 28x28 images, but not for every input: loading accepts
        // them, preparation (which knows the input) refuses them.
        Classify root = Classify.forClassPath();
        PipelineConfig config =
                load(
                        root,
                        """
                        data:
                          train:
                            images: fashion-mnist-small/train.npy
                            labels: fashion-mnist-small/train.csv
                        model: {type: simple-cnn, kernelSize: 27}
                        train: {device: cpu}
                        """);

        assertThatThrownBy(() -> root.prepare(config))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("model.kernelSize: input 28x28 is too small");
    }

    @Test
    void aPluginRefusingThePlaceholderInputIsNotReportedAtLoad() throws IOException {
        String provider = "com.example.Gray";
        String create =
                """
                int widen = spec.options().intValue("widen", 4);
                spec.options().check(widen > 0, "widen", "must be positive, got " + widen);
                spec.options().validate();
                if (spec.inputChannels() != 1) {
                    throw new dev.classify.api.ConfigurationException(
                            "model.inputChannels", "gray takes 1 channel");
                }
                if (spec.inputHeight() > 64) {
                    throw new IllegalArgumentException("at most 64x64");
                }
                return null;
                """;
        new TestPluginJar()
                .source(provider, TestPluginJar.model(provider, "\"gray\"", "\"gray\"", create))
                .provides(ModelProvider.class, provider)
                .writeTo(folder.resolve("gray.jar"));
        Classify root = Classify.forPlugins(folder);
        String yaml =
                """
                data:
                  train: {images: missing.npy, labels: missing.csv}
                model: {type: gray}
                """;

        assertThat(load(root, yaml).model().type()).isEqualTo("gray");
        assertThatThrownBy(() -> load(root, yaml, "model.widen=0"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("model.widen: must be positive, got 0");
    }
}
