package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.classify.api.EpochMetrics;
import dev.classify.api.ImageSet;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.data.ImageSubset;
import dev.classify.engine.data.TrueClasses;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.model.TestTimeAugmentation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the simple CNN for one epoch with {@code augment.tta: [flip, shift]} on the committed
 * quick-start subset of Fashion-MNIST (5,000 training images, 1,000 held out, 1,000 test images)
 * and checks that validation, the hold-out evaluation and the test predictions average the views,
 * as the saved model predicts them with the same test-time augmentation. Maven runs tests in the
 * module folder, so the examples are one level up.
 */
final class TestTimeAugmentationRunTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final TestTimeAugmentation VIEWS = TestTimeAugmentation.parse("flip,shift");

    private static final String CONFIG =
            """
            data:
              train:
                images: fashion-mnist-small/train.npy
                labels: fashion-mnist-small/train.csv
              test:
                images: fashion-mnist-small/test.npy
              validation: {size: 1000, seed: 42}
            model:
              type: simple-cnn
            augment:
              train:
                - {type: random-flip}
                - {type: normalize, mean: [0.286], std: [0.353]}
              eval:
                - {type: normalize, mean: [0.286], std: [0.353]}
              tta: [flip, shift]
            train:
              epochs: 1
              batchSize: 64
              optimizer: {type: sgd, learningRate: 0.02, momentum: 0.9}
              device: cpu
              seed: 42
            """;

    @TempDir static Path run;

    private static Classify root;
    private static PreparedRun prepared;
    private static RunResult result;

    @BeforeAll
    static void trainOnce() throws IOException {
        root = Classify.forClassPath();
        prepared =
                root.prepare(
                        new ConfigurationLoader()
                                .parse(CONFIG, EXAMPLES, List.of(), Path.of("tta-test.yaml")));
        result = root.train(prepared, run, new RunListener() {});
    }

    @Test
    void validationAveragesTheViewsAsTheSavedModelPredictsWithThem() {
        ImageSet holdOut = new ImageSubset(prepared.train(), prepared.split().validation());
        int[] truth =
                TrueClasses.of(
                        holdOut,
                        prepared.config().data().train().labelsPath(),
                        prepared.classNames());
        float[][] averaged;
        float[][] alone;
        try (SavedModel model = SavedModel.load(run, root.catalog(), "MXNet")) {
            averaged = model.probabilities(holdOut, Path.of("train.npy"), 250, VIEWS);
            alone = model.probabilities(holdOut, Path.of("train.npy"), 250, false);
            // The model records its views for predict (its default there).
            assertThat(model.description().tta()).containsExactly("flip", "shift");
            assertThat(model.trainedViews()).isEqualTo(VIEWS);
        }
        EpochMetrics epoch = result.epochs().get(0);

        // Batches of another size may round a probability differently: one image at most.
        assertThat(epoch.validationAccuracy()).isCloseTo(accuracy(averaged, truth), within(0.0011));
        assertThat(epoch.validationLoss()).isCloseTo(crossEntropy(averaged, truth), within(1e-4));
        // The views change the loss by far more than the tolerance above: the validation's loss
        // is not that of the images alone.
        assertThat(Math.abs(epoch.validationLoss() - crossEntropy(alone, truth)))
                .isGreaterThan(0.001);
    }

    @Test
    void theTestPredictionsAndTheWrittenConfigurationKeepTheViews() throws IOException {
        ImageSet test = prepared.test().orElseThrow();
        float[][] averaged;
        try (SavedModel model = SavedModel.load(run, root.catalog(), "MXNet")) {
            averaged = model.probabilities(test, Path.of("test.npy"), 250, VIEWS);
        }
        List<String> rows = Files.readAllLines(run.resolve("submission.csv"));
        assertThat(rows).hasSize(test.size() + 1);
        for (int i = 0; i < test.size(); i++) {
            String expected = prepared.classNames().get(SavedModel.topClasses(averaged[i], 1)[0]);
            assertThat(rows.get(i + 1)).isEqualTo(test.id(i) + "," + expected);
        }

        PipelineConfig written =
                new ConfigurationLoader().load(run.resolve("config.yaml"), List.of());
        assertThat(written.augment().tta()).containsExactly("flip", "shift");
    }

    private static double accuracy(float[][] probabilities, int[] truth) {
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            correct += SavedModel.topClasses(probabilities[i], 1)[0] == truth[i] ? 1 : 0;
        }
        return (double) correct / truth.length;
    }

    private static double crossEntropy(float[][] probabilities, int[] truth) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum -= Math.log(probabilities[i][truth[i]]);
        }
        return sum / truth.length;
    }
}
