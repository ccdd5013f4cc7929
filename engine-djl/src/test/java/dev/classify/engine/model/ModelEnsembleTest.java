package dev.classify.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.Classify;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.plugin.PluginCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ModelEnsembleTest {
    private static final List<String> CLASSES = List.of("0", "1", "2");

    @TempDir Path folder;

    private final PluginCatalog catalog = Classify.forClassPath().catalog();

    private final ImageSet images = new PatternImages(5);

    private Path save(String name, int hidden, List<String> classes, int side) throws IOException {
        Map<String, Object> options = Map.of("hidden", hidden);
        return InitialisedModels.save(
                catalog, folder.resolve(name), "simple-cnn", 1, side, options, options, classes);
    }

    private float[][] alone(Path model, TestTimeAugmentation views) {
        try (SavedModel saved = SavedModel.load(model, catalog, PipelineConfig.DEFAULT_ENGINE)) {
            return saved.probabilities(images, folder, 4, views);
        }
    }

    @Test
    void averagesTheMembersClassProbabilitiesEachWithItsOwnViews() throws IOException {
        Path first = save("first", 20, CLASSES, 28);
        Path second = save("second", 30, CLASSES, 28);
        float[][] a = alone(first, TestTimeAugmentation.FLIP);
        float[][] b = alone(second, TestTimeAugmentation.NONE);

        float[][] mean;
        int[] predicted;
        List<TestTimeAugmentation> views =
                List.of(TestTimeAugmentation.FLIP, TestTimeAugmentation.NONE);
        try (ModelEnsemble ensemble = ModelEnsemble.load(List.of(first, second), catalog, null)) {
            assertThat(ensemble.members()).hasSize(2);
            assertThat(ensemble.description().classNames()).isEqualTo(CLASSES);
            mean = ensemble.probabilities(images, folder, 4, views);
            predicted = ensemble.predict(images, folder, 4, views);
            assertThatThrownBy(() -> ensemble.probabilities(images, folder, 4, views.subList(0, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("1 views for 2 models");
        }

        assertThat(mean).hasNumberOfRows(images.size());
        for (int i = 0; i < images.size(); i++) {
            float sum = 0;
            for (int c = 0; c < CLASSES.size(); c++) {
                assertThat(mean[i][c]).isCloseTo((a[i][c] + b[i][c]) / 2, within(1e-6f));
                sum += mean[i][c];
            }
            assertThat(sum).isCloseTo(1f, within(1e-5f));
            assertThat(predicted[i]).isEqualTo(SavedModel.topClasses(mean[i], 1)[0]);
        }
        // Two different networks: the mean is neither of them.
        assertThat(mean[0][0]).isNotCloseTo(a[0][0], within(1e-6f));
        assertThat(mean[0][0]).isNotCloseTo(b[0][0], within(1e-6f));
    }

    @Test
    void anEnsembleOfOnePredictsAsTheModel() throws IOException {
        Path model = save("model", 20, CLASSES, 28);
        float[][] expected = alone(model, TestTimeAugmentation.FLIP);

        try (ModelEnsemble ensemble = ModelEnsemble.load(List.of(model), catalog, null)) {
            assertThat(
                            ensemble.probabilities(
                                    images, folder, 4, List.of(TestTimeAugmentation.FLIP)))
                    .isDeepEqualTo(expected);
        }
    }

    @Test
    void refusesModelsOfOtherClassesNamingTheFolder() throws IOException {
        Path first = save("first", 20, CLASSES, 28);
        Path other = save("other", 20, List.of("a", "b", "c"), 28);

        assertThatThrownBy(() -> ModelEnsemble.load(List.of(first, other), catalog, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(other.toString())
                .hasMessageContaining(
                        "the model's classes [a, b, c] differ from [0, 1, 2] of " + first)
                .hasMessageContaining("same classes in the same order");
    }

    @Test
    void refusesModelsOfAnotherImageShape() throws IOException {
        Path first = save("first", 20, CLASSES, 28);
        Path other = save("other", 20, CLASSES, 32);

        assertThatThrownBy(() -> ModelEnsemble.load(List.of(first, other), catalog, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(
                        "the model takes 1x32x32 images but " + first + " takes 1x28x28");
    }

    @Test
    void needsAModel() {
        assertThatThrownBy(() -> ModelEnsemble.load(List.of(), catalog, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
