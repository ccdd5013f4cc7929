package dev.classify.spark;

import dev.classify.api.DataSource;
import dev.classify.api.ImageSet;
import dev.classify.api.Options;
import dev.classify.engine.Classify;
import dev.classify.engine.embed.TrainingRun;
import dev.classify.engine.model.ModelEnsemble;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.plugin.PluginCatalog;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The data every Spark test shares, built once per JVM from the committed quick-start subset: a
 * simple CNN trained for one epoch, the first 2,000 training images as PNG files (a folder with
 * them alone and one with a corrupt PNG among them) and as one uint8 {@code .npy} file, and what
 * {@code classify predict}'s code path gives for them; on first use of {@link #secondRun()}, a
 * second such CNN of another seed and what an ensemble of the two gives for the {@code .npy}.
 */
final class Fixture {
    static final int IMAGES = 2000;
    static final String CORRUPT = "corrupt.png";

    private static final Path DATA =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();
    private static Fixture instance;

    final Path run;
    final Path pngs;
    final Path mixed;
    final Path npy;
    final Map<String, float[]> expectedPng = new HashMap<>();
    final Map<String, float[]> expectedNpy = new HashMap<>();
    final List<String> classNames;
    final Map<String, float[]> expectedNpyEnsemble = new HashMap<>();
    private final PluginCatalog catalog = Classify.forClassPath().catalog();
    private Path secondRun;

    private Fixture(Path folder) throws IOException {
        run = folder.resolve("run");
        oneEpoch().build().train(run);
        ImageSet train = open(catalog, "npy", DATA.resolve("train.npy"), Map.of());
        pngs = Files.createDirectories(folder.resolve("pngs"));
        mixed = Files.createDirectories(folder.resolve("mixed"));
        npy = folder.resolve("images.npy");
        byte[] values = new byte[IMAGES * 28 * 28];
        float[] pixels = new float[28 * 28];
        for (int i = 0; i < IMAGES; i++) {
            train.copyPixels(i, pixels, 0);
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < pixels.length; p++) {
                int value = Math.round(pixels[p] * 255);
                image.getRaster().setSample(p % 28, p / 28, 0, value);
                values[i * pixels.length + p] = (byte) value;
            }
            String name = String.format("%04d.png", i);
            ImageIO.write(image, "png", pngs.resolve(name).toFile());
            Files.copy(pngs.resolve(name), mixed.resolve(name));
        }
        Files.write(
                mixed.resolve(CORRUPT),
                "\u0089PNG\r\n\u001a\n not a picture".getBytes(StandardCharsets.ISO_8859_1));
        writeNpy(npy, values, IMAGES, 28, 28);
        try (SavedModel saved = Classify.forClassPath().loadModel(run, null)) {
            classNames = List.copyOf(saved.description().classNames());
            // What classify predict does: the folder source with the model's channels and size,
            // and the npy source with its defaults, then SavedModel.probabilities at batch 256.
            ImageSet folderSet =
                    open(catalog, "folder", pngs, Map.of("channels", 1, "resize", List.of(28, 28)));
            float[][] fromPngs = saved.probabilities(folderSet, pngs, 256, false);
            for (int i = 0; i < folderSet.size(); i++) {
                expectedPng.put(folderSet.id(i), fromPngs[i]);
            }
            ImageSet npySet = open(catalog, "npy", npy, Map.of());
            float[][] fromNpy = saved.probabilities(npySet, npy, 256, false);
            for (int i = 0; i < npySet.size(); i++) {
                expectedNpy.put(npySet.id(i), fromNpy[i]);
            }
        }
    }

    /** One epoch of the simple CNN on the quick-start subset (seed: TrainingRun's default). */
    private static TrainingRun.Builder oneEpoch() {
        Map<String, Object> normalize = Map.of("mean", List.of(0.286), "std", List.of(0.353));
        return TrainingRun.builder()
                .trainImages(DATA.resolve("train.npy"), DATA.resolve("train.csv"))
                .validationSize(500)
                .model("simple-cnn", Map.of())
                .trainStep("normalize", normalize)
                .evalStep("normalize", normalize)
                .epochs(1)
                .device("cpu");
    }

    /**
     * A second run as {@link #run} with seed 43, trained on first use, which also fills {@link
     * #expectedNpyEnsemble}: what {@code classify predict --model run --model secondRun} gives for
     * the {@code .npy} images.
     */
    synchronized Path secondRun() throws IOException {
        if (secondRun == null) {
            Path second = run.resolveSibling("second-run");
            oneEpoch().seed(43).build().train(second);
            try (ModelEnsemble ensemble =
                    Classify.forClassPath().loadEnsemble(List.of(run, second), null)) {
                ImageSet npySet = open(catalog, "npy", npy, Map.of());
                float[][] probabilities =
                        ensemble.probabilities(npySet, npy, 256, ensemble.trainedViews());
                for (int i = 0; i < npySet.size(); i++) {
                    expectedNpyEnsemble.put(npySet.id(i), probabilities[i]);
                }
            }
            secondRun = second;
        }
        return secondRun;
    }

    /** The fixture, built on first use into {@code folder}. */
    static synchronized Fixture get() throws IOException {
        if (instance == null) {
            Path folder = Files.createTempDirectory("classify-spark-test-");
            folder.toFile().deleteOnExit();
            instance = new Fixture(folder);
        }
        return instance;
    }

    /** Writes a C-order uint8 {@code .npy} file of shape (count, height, width). */
    static void writeNpy(Path file, byte[] values, int count, int height, int width)
            throws IOException {
        String dictionary =
                "{'descr': '|u1', 'fortran_order': False, 'shape': ("
                        + count
                        + ", "
                        + height
                        + ", "
                        + width
                        + "), }";
        int unpadded = 10 + dictionary.length() + 1;
        String header = dictionary + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            out.write(header.length() & 0xFF);
            out.write(header.length() >> 8);
            out.write(header.getBytes(StandardCharsets.ISO_8859_1));
            out.write(values);
        }
    }

    private static ImageSet open(
            PluginCatalog catalog, String type, Path images, Map<String, Object> options) {
        return catalog.dataset("--type", type)
                .open(new DataSource(images, Optional.empty(), new Options("--images", options)));
    }
}
