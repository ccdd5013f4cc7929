package dev.classify.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.Classify;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.report.SmallImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SavedModelTest {
    private static final List<String> CLASSES = List.of("0", "1", "2");

    @TempDir Path folder;

    private final PluginCatalog catalog = Classify.forClassPath().catalog();

    /** Saves an initialised simple CNN of {@code hidden} units described as {@code described}. */
    private Path save(int hidden, Map<String, Object> described) throws IOException {
        return save("simple-cnn", 1, 28, Map.of("hidden", hidden), described);
    }

    /** Saves an initialised {@code type} for {@code channels}x{@code side}x{@code side} images. */
    private Path save(
            String type,
            int channels,
            int side,
            Map<String, Object> options,
            Map<String, Object> described)
            throws IOException {
        return InitialisedModels.save(
                catalog,
                folder.resolve("model"),
                type,
                channels,
                side,
                options,
                described,
                CLASSES);
    }

    @Test
    void predictsASmallNetworkInTheBatchAskedFor() throws IOException {
        Path model = save(20, Map.of("hidden", 20));
        try (SavedModel loaded = SavedModel.load(model, catalog, PipelineConfig.DEFAULT_ENGINE)) {
            ImageSet images = new SmallImages(1, 28, new int[] {0, 1, 2}, CLASSES);

            assertThat(loaded.forwardBatch(images, 256, false)).isEqualTo(256);
            assertThatThrownBy(() -> loaded.forwardBatch(images, 0, false))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void predictsALargeNetworkInBatchesThatFitTheMemoryBudget() throws IOException {
        // ResNet-50 at 3x224x224 holds about 150 MB an image: 256 would need 38 GB.
        Map<String, Object> options = Map.of("depth", 50, "stem", "imagenet");
        Path model = save("resnet", 3, 224, options, options);
        try (SavedModel loaded = SavedModel.load(model, catalog, PipelineConfig.DEFAULT_ENGINE)) {
            ImageSet images = new SmallImages(3, 224, new int[] {0, 1}, CLASSES);

            int batch = loaded.forwardBatch(images, 256, false);

            assertThat(batch).isBetween(1, 4 * 1024 / 140);
            assertThat(loaded.forwardBatch(images, 256, true)).isLessThanOrEqualTo(batch / 2 + 1);
            assertThat(loaded.forwardBatch(images, 2, false)).isEqualTo(2);
        }
    }

    @Test
    void loadsWhatItSaved() throws IOException {
        Path model = save(20, Map.of("hidden", 20));
        try (SavedModel loaded = SavedModel.load(model, catalog, PipelineConfig.DEFAULT_ENGINE)) {
            assertThat(loaded.description().classNames()).isEqualTo(CLASSES);
        }
        assertThat(Files.list(folder).map(p -> p.getFileName().toString()))
                .containsExactly("model");
    }

    @Test
    void rejectsParametersOfAnotherWidthInsteadOfPredictingGarbage() throws IOException {
        // DJL loads parameters by name without checking their shapes.
        Path model = save(20, Map.of("hidden", 50));
        assertThatThrownBy(() -> SavedModel.load(model, catalog, PipelineConfig.DEFAULT_ENGINE))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("model-0000.params: cannot load the model parameters")
                .hasMessageContaining("but the described architecture needs")
                .hasMessageContaining("restore it or train again");
    }

    @Test
    void rejectsABrokenOrIncompleteDescription() throws IOException {
        Path model = save(20, Map.of("hidden", 20));
        Path description = model.resolve(ModelDescription.FILE_NAME);
        String good = Files.readString(description);

        Files.writeString(description, "{ not json");
        assertThatThrownBy(() -> SavedModel.load(model, catalog, PipelineConfig.DEFAULT_ENGINE))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("classify-model.json: unreadable model description");

        Files.writeString(description, good.replace("[ \"0\", \"1\", \"2\" ]", "[ \"0\" ]"));
        assertThatThrownBy(() -> SavedModel.load(model, catalog, PipelineConfig.DEFAULT_ENGINE))
                .hasMessageContaining("classify-model.json: incomplete model description");

        Files.writeString(description, good.replace("\"MXNet\"", "\"TensorFlow\""));
        assertThatThrownBy(() -> SavedModel.load(model, catalog))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("trained with the engine 'TensorFlow'")
                .hasMessageContaining("[MXNet, PyTorch]");

        Files.writeString(description, good.replace("\"simple-cnn\"", "\"vit\""));
        assertThatThrownBy(() -> SavedModel.load(model, catalog, PipelineConfig.DEFAULT_ENGINE))
                .hasMessageContaining("classify-model.json: the model needs plugins")
                .hasMessageContaining("unknown model 'vit'");
    }

    @Test
    void rejectsATruncatedParameterFile() throws IOException {
        Path model = save(20, Map.of("hidden", 20));
        Path parameters = model.resolve("model-0000.params");
        byte[] bytes = Files.readAllBytes(parameters);
        Files.write(parameters, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> SavedModel.load(model, catalog, PipelineConfig.DEFAULT_ENGINE))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("model-0000.params: cannot load the model parameters")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void flipViewIsTodaysMirrorAverage() throws IOException {
        Path model = save(20, Map.of("hidden", 20));
        try (SavedModel loaded = SavedModel.load(model, catalog, PipelineConfig.DEFAULT_ENGINE)) {
            ImageSet images = new PatternImages(6);
            Path source = folder.resolve("images.npy");
            float[][] flip =
                    loaded.probabilities(images, source, 4, TestTimeAugmentation.parse("flip"));
            float[][] plain = loaded.probabilities(images, source, 4, TestTimeAugmentation.NONE);
            float[][] mirrored =
                    loaded.probabilities(
                            new PatternImages(6, 0, 0, true), source, 4, TestTimeAugmentation.NONE);

            assertThat(flip).isDeepEqualTo(loaded.probabilities(images, source, 4, true));
            assertThat(plain).isDeepEqualTo(loaded.probabilities(images, source, 4, false));
            for (int i = 0; i < 6; i++) {
                for (int k = 0; k < 3; k++) {
                    assertThat(flip[i][k])
                            .isCloseTo((plain[i][k] + mirrored[i][k]) / 2, within(1e-6f));
                }
            }
        }
    }

    @Test
    void shiftViewsAverageThePredictionsOfTheShiftedImages() throws IOException {
        Path model = save(20, Map.of("hidden", 20));
        try (SavedModel loaded = SavedModel.load(model, catalog, PipelineConfig.DEFAULT_ENGINE)) {
            Path source = folder.resolve("images.npy");
            ImageSet images = new PatternImages(6);
            float[][] plain = loaded.probabilities(images, source, 4, TestTimeAugmentation.NONE);
            for (int distance = 1; distance <= 2; distance++) {
                String views = distance == 1 ? "shift" : "shift2";
                float[][] shifted =
                        loaded.probabilities(images, source, 4, TestTimeAugmentation.parse(views));
                float[][] expected = new float[6][3];
                int[][] moves = {
                    {0, 0}, {distance, 0}, {-distance, 0}, {0, distance}, {0, -distance}
                };
                for (int[] move : moves) {
                    float[][] view =
                            loaded.probabilities(
                                    new PatternImages(6, move[0], move[1], false),
                                    source,
                                    4,
                                    TestTimeAugmentation.NONE);
                    for (int i = 0; i < 6; i++) {
                        for (int k = 0; k < 3; k++) {
                            expected[i][k] += view[i][k] / moves.length;
                        }
                    }
                }
                for (int i = 0; i < 6; i++) {
                    for (int k = 0; k < 3; k++) {
                        assertThat(shifted[i][k])
                                .as("%s image %d class %d", views, i, k)
                                .isCloseTo(expected[i][k], within(1e-6f));
                    }
                    assertThat(shifted[i]).as(views).isNotEqualTo(plain[i]);
                }
            }
        }
    }
}
