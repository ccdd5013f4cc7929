package dev.classify.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.classify.api.InvalidDataException;
import dev.classify.engine.Classify;
import dev.classify.engine.model.InitialisedModels;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.plugin.PluginCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImageClassifier#loadEnsemble}: two initialised simple CNNs (one trained, as described,
 * with the mirror at test time) classify as the mean of their class probabilities.
 */
final class ImageClassifierEnsembleTest {
    private static final List<String> CLASSES = List.of("shirt", "coat", "bag");

    @TempDir Path folder;

    private final PluginCatalog catalog = Classify.forClassPath().catalog();

    private Path save(String name, int hidden, List<String> classes, List<String> tta)
            throws IOException {
        Map<String, Object> options = Map.of("hidden", hidden);
        return InitialisedModels.save(
                catalog, folder.resolve(name), "simple-cnn", 1, 28, options, options, classes, tta);
    }

    private static List<float[]> pixels(int count) {
        Random random = new Random(7);
        List<float[]> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] image = new float[28 * 28];
            for (int p = 0; p < image.length; p++) {
                image[p] = random.nextFloat();
            }
            images.add(image);
        }
        return images;
    }

    private static float[][] alone(Path model, List<float[]> images) {
        try (ImageClassifier classifier = ImageClassifier.load(model)) {
            assertThat(classifier.modelCount()).isEqualTo(1);
            return classifier.probabilities(images, 28, 28);
        }
    }

    @Test
    void classifiesAsTheMeanOfTheModelsEachWithItsOwnViews() throws IOException {
        Path mirrored = save("mirrored", 20, CLASSES, List.of("flip"));
        Path plain = save("plain", 30, CLASSES, List.of());
        List<float[]> images = pixels(5);
        float[][] a = alone(mirrored, images);
        float[][] b = alone(plain, images);

        float[][] mean;
        Prediction best;
        try (ImageClassifier ensemble =
                ImageClassifier.loadEnsemble(List.of(mirrored, plain), null)) {
            assertThat(ensemble.modelCount()).isEqualTo(2);
            assertThat(ensemble.classNames()).isEqualTo(CLASSES);
            assertThat(ensemble.testTimeViews()).containsExactly("flip");
            mean = ensemble.probabilities(images, 28, 28);
            best = ensemble.classify(images.get(0), 28, 28);
        }

        for (int i = 0; i < images.size(); i++) {
            for (int c = 0; c < CLASSES.size(); c++) {
                assertThat(mean[i][c]).isCloseTo((a[i][c] + b[i][c]) / 2, within(1e-6f));
            }
        }
        // One image alone and in a batch of five: the same within float rounding.
        assertThat(best.probability()).isCloseTo(mean[0][best.classIndex()], within(1e-6f));
        assertThat(best.classIndex()).isEqualTo(SavedModel.topClasses(mean[0], 1)[0]);
        // Two different networks: the mean is neither of them.
        assertThat(mean[0][0]).isNotCloseTo(a[0][0], within(1e-6f));
        assertThat(mean[0][0]).isNotCloseTo(b[0][0], within(1e-6f));
    }

    @Test
    void refusesModelsOfOtherClassesNamingTheFolder() throws IOException {
        Path first = save("first", 20, CLASSES, List.of());
        Path other = save("other", 20, List.of("shirt", "bag", "coat"), List.of());

        assertThatThrownBy(() -> ImageClassifier.loadEnsemble(List.of(first, other), null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(other.toString())
                .hasMessageContaining("an ensemble needs models of the same classes");
    }

    @Test
    void needsAModelFolder() {
        assertThatThrownBy(() -> ImageClassifier.loadEnsemble(List.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an ensemble needs at least one model folder");
    }
}
