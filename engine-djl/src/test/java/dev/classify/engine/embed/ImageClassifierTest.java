package dev.classify.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import dev.classify.api.DataSource;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.Options;
import dev.classify.engine.Classify;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.model.TestTimeAugmentation;
import dev.classify.engine.plugin.PluginCatalog;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the simple CNN for one epoch on the committed quick-start subset of Fashion-MNIST through
 * {@link TrainingRun}, then classifies its 1,000 test images through {@link ImageClassifier} and
 * through plain DJL, against {@code classify predict}'s code path.
 */
final class ImageClassifierTest {
    private static final Path DATA =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();

    @TempDir static Path run;

    private static ImageSet test;
    private static List<BufferedImage> images;
    private static ImageClassifier classifier;

    /** One epoch of the simple CNN on the quick-start subset, as every model here is trained. */
    private static TrainingRun.Builder oneEpoch() {
        Map<String, Object> normalize = Map.of("mean", List.of(0.286), "std", List.of(0.353));
        return TrainingRun.builder()
                .trainImages(DATA.resolve("train.npy"), DATA.resolve("train.csv"))
                .validationSize(1000)
                .model("simple-cnn", Map.of())
                .trainStep("normalize", normalize)
                .evalStep("normalize", normalize)
                .epochs(1)
                .device("cpu");
    }

    @BeforeAll
    static void trainOnce() throws IOException {
        oneEpoch().build().train(run.resolve("run"));
        PluginCatalog catalog = Classify.forClassPath().catalog();
        test =
                catalog.dataset("data.test.type", "npy")
                        .open(
                                new DataSource(
                                        DATA.resolve("test.npy"),
                                        Optional.empty(),
                                        new Options("data.test", Map.of())));
        images = IntStream.range(0, test.size()).mapToObj(i -> gray(test, i)).toList();
        classifier = ImageClassifier.load(run.resolve("run"));
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    /** Image {@code index} as an 8-bit gray image, as a PNG of it would read. */
    static BufferedImage gray(ImageSet set, int index) {
        float[] pixels = new float[set.height() * set.width()];
        set.copyPixels(index, pixels, 0);
        BufferedImage image =
                new BufferedImage(set.width(), set.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < set.height(); y++) {
            for (int x = 0; x < set.width(); x++) {
                image.getRaster().setSample(x, y, 0, Math.round(pixels[y * set.width() + x] * 255));
            }
        }
        return image;
    }

    private static float[] pixels(int index) {
        float[] pixels = new float[28 * 28];
        test.copyPixels(index, pixels, 0);
        return pixels;
    }

    private static float[][] predictPath() {
        try (SavedModel saved = Classify.forClassPath().loadModel(run.resolve("run"), null)) {
            return saved.probabilities(test, DATA.resolve("test.npy"), 256, false);
        }
    }

    private static List<String> labels() throws IOException {
        return Files.readAllLines(DATA.resolve("test-labels.csv")).stream()
                .skip(1)
                .map(line -> line.split(",")[1])
                .collect(Collectors.toList());
    }

    @Test
    void describesTheModel() {
        assertThat(classifier.classNames()).hasSize(10).startsWith("0", "1");
        assertThat(List.of(classifier.channels(), classifier.height(), classifier.width()))
                .containsExactly(1, 28, 28);
    }

    @Test
    void givesPredictsProbabilitiesExactly() {
        float[][] expected = predictPath();

        assertThat(classifier.probabilities(images)).isDeepEqualTo(expected);
        assertThat(
                        classifier.probabilities(
                                IntStream.range(0, test.size())
                                        .mapToObj(ImageClassifierTest::pixels)
                                        .toList(),
                                28,
                                28))
                .isDeepEqualTo(expected);
        List<Prediction> fromPixels =
                classifier.classifyAll(
                        IntStream.range(0, test.size())
                                .mapToObj(ImageClassifierTest::pixels)
                                .toList(),
                        28,
                        28);
        for (int i = 0; i < expected.length; i++) {
            int best = SavedModel.topClasses(expected[i], 1)[0];
            assertThat(fromPixels.get(i))
                    .isEqualTo(new Prediction(String.valueOf(best), best, expected[i][best]));
        }
    }

    @Test
    void learnedFarBeyondChance() throws IOException {
        List<String> truth = labels();
        List<Prediction> predictions = classifier.classifyAll(images);
        long right =
                IntStream.range(0, truth.size())
                        .filter(i -> predictions.get(i).className().equals(truth.get(i)))
                        .count();
        assertThat(right / (double) truth.size()).isGreaterThan(0.6);
    }

    @Test
    void averagesOverTheViewsTheModelWasTrainedWithAsPredictDoes() throws IOException {
        Path mirrored = run.resolve("mirrored");
        oneEpoch().set("augment.tta", List.of("flip")).build().train(mirrored);
        try (SavedModel saved = Classify.forClassPath().loadModel(mirrored, null);
                ImageClassifier withViews = ImageClassifier.load(mirrored)) {
            assertThat(saved.trainedViews()).isEqualTo(TestTimeAugmentation.FLIP);
            assertThat(withViews.testTimeViews()).containsExactly("flip");
            float[][] predicted =
                    saved.probabilities(test, DATA.resolve("test.npy"), 256, saved.trainedViews());
            float[][] alone =
                    saved.probabilities(
                            test, DATA.resolve("test.npy"), 256, TestTimeAugmentation.NONE);

            assertThat(withViews.probabilities(images))
                    .isDeepEqualTo(predicted)
                    .isNotEqualTo(alone);
        }
        assertThat(classifier.testTimeViews()).isEmpty();
    }

    @Test
    void singleImagesAgreeWithTheBatch() {
        List<Prediction> batch = classifier.classifyAll(images.subList(0, 20));
        for (int i = 0; i < 20; i++) {
            Prediction one = classifier.classify(images.get(i));
            assertThat(one.classIndex()).isEqualTo(batch.get(i).classIndex());
            assertThat(one.probability()).isCloseTo(batch.get(i).probability(), within(1e-5f));
            assertThat(classifier.classify(pixels(i), 28, 28)).isEqualTo(one);
        }
    }

    @Test
    void sharedBetweenThreadsGivesTheSequentialAnswers() throws Exception {
        List<BufferedImage> some = images.subList(0, 64);
        List<Prediction> sequential = new ArrayList<>();
        for (BufferedImage image : some) {
            sequential.add(classifier.classify(image));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Prediction>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(
                        threads.submit(
                                () -> {
                                    List<Prediction> answers = new ArrayList<>();
                                    for (BufferedImage image : some) {
                                        answers.add(classifier.classify(image));
                                    }
                                    return answers;
                                }));
            }
            futures.add(threads.submit(() -> classifier.classifyAll(some)));
            for (int t = 0; t < 4; t++) {
                assertThat(futures.get(t).get()).isEqualTo(sequential);
            }
            assertThat(futures.get(4).get())
                    .extracting(Prediction::classIndex)
                    .isEqualTo(sequential.stream().map(Prediction::classIndex).toList());
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void colourImagesBecomeLuma() {
        BufferedImage gray = images.get(3);
        BufferedImage rgb = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int value = gray.getRaster().getSample(x, y, 0);
                rgb.setRGB(x, y, value << 16 | value << 8 | value);
            }
        }
        assertThat(classifier.classify(rgb)).isEqualTo(classifier.classify(gray));
    }

    @Test
    void topKIsOrderedAndSumsToOne() {
        List<Prediction> all = classifier.topK(images.get(0), 10);
        assertThat(all)
                .extracting(Prediction::probability)
                .isSortedAccordingTo((a, b) -> Float.compare(b, a));
        double sum = all.stream().mapToDouble(Prediction::probability).sum();
        assertThat(sum).isCloseTo(1.0, within(1e-5));
        assertThat(all.get(0)).isEqualTo(classifier.classify(images.get(0)));
        assertThatThrownBy(() -> classifier.topK(images.get(0), 11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be in 1..10, got 11");
    }

    @Test
    void rejectsImagesOfAnotherSize() {
        BufferedImage large = new BufferedImage(32, 28, BufferedImage.TYPE_BYTE_GRAY);
        assertThatThrownBy(() -> classifier.classifyAll(List.of(images.get(0), large)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "image 1 has 32x28 pixels, but the model was trained on 28x28 (width x"
                                + " height) images; resize them to that size first");
        assertThatThrownBy(() -> classifier.classify(new float[3 * 28 * 28], 28, 28))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image 0 has 2352 values, but the model takes 1 x 28 x 28 = 784 (CHW)");
    }

    @Test
    void aFolderWithoutAModelIsAnError() {
        assertThatThrownBy(() -> ImageClassifier.load(DATA))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("no trained model here");
    }

    @Test
    void plainDjlLoadsTheFolderAndAgrees() throws Exception {
        Criteria<Image, Classifications> criteria = ClassifyModels.criteria(run.resolve("run"));
        try (ZooModel<Image, Classifications> model = criteria.loadModel();
                Predictor<Image, Classifications> predictor = model.newPredictor()) {
            List<Image> djlImages =
                    images.subList(0, 50).stream()
                            .map(image -> ImageFactory.getInstance().fromImage(image))
                            .toList();
            List<Classifications> batch = predictor.batchPredict(djlImages);
            List<Prediction> expected = classifier.classifyAll(images.subList(0, 50));
            for (int i = 0; i < 50; i++) {
                Classifications.Classification best = batch.get(i).best();
                assertThat(best.getClassName()).isEqualTo(expected.get(i).className());
                assertThat(best.getProbability())
                        .isCloseTo(expected.get(i).probability(), within(1e-5));
                assertThat(predictor.predict(djlImages.get(i)).best().getClassName())
                        .isEqualTo(expected.get(i).className());
            }
        }
    }

    @Test
    void servingPropertiesAndTheTranslatorFactoryLoadTheFolder() throws Exception {
        Path copy = run.resolve("copy").resolve("model");
        Files.createDirectories(copy);
        try (var files = Files.list(run.resolve("run").resolve("model"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Path properties = ClassifyModels.writeServingProperties(copy);
        assertThat(Files.readString(properties))
                .contains("engine=MXNet")
                .contains("blockFactory=" + ClassifyBlockFactory.class.getName())
                .contains("translatorFactory=" + ClassifyTranslatorFactory.class.getName());
        Criteria<Image, Classifications> criteria =
                Criteria.builder()
                        .setTypes(Image.class, Classifications.class)
                        .optModelPath(copy)
                        .optTranslatorFactory(new ClassifyTranslatorFactory())
                        .build();
        try (ZooModel<Image, Classifications> model = criteria.loadModel();
                Predictor<Image, Classifications> predictor = model.newPredictor()) {
            for (int i = 0; i < 10; i++) {
                Image image = ImageFactory.getInstance().fromImage(images.get(i));
                assertThat(predictor.predict(image).best().getClassName())
                        .isEqualTo(classifier.classify(images.get(i)).className());
            }
        }
    }
}
