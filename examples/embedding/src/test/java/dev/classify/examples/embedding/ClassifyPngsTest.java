package dev.classify.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.classify.api.DataSource;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ImageSet;
import dev.classify.api.Options;
import dev.classify.engine.Classify;
import dev.classify.engine.embed.ImageClassifier;
import dev.classify.engine.embed.Prediction;
import dev.classify.engine.embed.TrainingRun;
import dev.classify.engine.model.SavedModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains a small model from code on the committed Fashion-MNIST subset (simple CNN, one epoch),
 * writes its 1,000 test images as PNG files, and classifies them through the embedding API and
 * through this example's main class.
 */
final class ClassifyPngsTest {
    private static final Path DATA =
            Path.of("..", "fashion-mnist-small").toAbsolutePath().normalize();

    @TempDir static Path folder;

    private static Path run;
    private static ImageSet test;
    private static List<Path> pngs;

    @BeforeAll
    static void trainAndWritePngs() throws IOException {
        run = folder.resolve("run");
        Map<String, Object> normalize = Map.of("mean", List.of(0.286), "std", List.of(0.353));
        TrainingRun.builder()
                .trainImages(DATA.resolve("train.npy"), DATA.resolve("train.csv"))
                .validationSize(500)
                .model("simple-cnn", Map.of())
                .trainStep("normalize", normalize)
                .evalStep("normalize", normalize)
                .epochs(1)
                .device("cpu")
                .build()
                .train(run);
        DatasetProvider npy =
                ServiceLoader.load(DatasetProvider.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(provider -> provider.name().equals("npy"))
                        .findFirst()
                        .orElseThrow();
        test =
                npy.open(
                        new DataSource(
                                DATA.resolve("test.npy"),
                                Optional.empty(),
                                new Options("data.test", Map.of())));
        pngs = new ArrayList<>();
        float[] pixels = new float[28 * 28];
        for (int i = 0; i < test.size(); i++) {
            test.copyPixels(i, pixels, 0);
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < pixels.length; p++) {
                image.getRaster().setSample(p % 28, p / 28, 0, Math.round(pixels[p] * 255));
            }
            Path png = folder.resolve("test-" + i + ".png");
            ImageIO.write(image, "png", png.toFile());
            pngs.add(png);
        }
    }

    @Test
    void classifiesPngsExactlyAsPredictDoes() throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        for (Path png : pngs) {
            images.add(ImageIO.read(png.toFile()));
        }
        float[][] expected;
        // classify predict's code path on the .npy file the PNGs were written from.
        try (SavedModel saved = Classify.forClassPath().loadModel(run, null)) {
            expected = saved.probabilities(test, DATA.resolve("test.npy"), 256, false);
        }

        List<Prediction> predictions;
        try (ImageClassifier classifier = ImageClassifier.load(run)) {
            assertThat(classifier.probabilities(images)).isDeepEqualTo(expected);
            predictions = classifier.classifyAll(images);
        }
        List<String> truth =
                Files.readAllLines(DATA.resolve("test-labels.csv")).stream()
                        .skip(1)
                        .map(line -> line.split(",")[1])
                        .toList();
        int right = 0;
        for (int i = 0; i < truth.size(); i++) {
            int best = SavedModel.topClasses(expected[i], 1)[0];
            assertThat(predictions.get(i).classIndex()).isEqualTo(best);
            right += predictions.get(i).className().equals(truth.get(i)) ? 1 : 0;
        }
        // Ten classes: chance is 0.1; one epoch of the simple CNN reaches about 0.75.
        assertThat(right / (double) truth.size()).isGreaterThan(0.6);
    }

    @Test
    void mainPrintsOneLinePerImage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                ClassifyPngs.run(
                        new String[] {
                            run.toString(), pngs.get(0).toString(), pngs.get(1).toString()
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches(".*test-0\\.png\t[0-9]\t[01]\\.[0-9]{4}");
    }

    @Test
    void badInputIsOneMessageAndExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                ClassifyPngs.run(
                        new String[] {run.toString(), DATA.resolve("train.csv").toString()},
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("ClassifyPngs: ")
                .contains("train.csv")
                .contains("not an image format Java reads");
    }
}
