package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every data format trains with {@code classify train}: the first 600 images of the committed
 * quick-start subset, converted by {@link ReferenceDataConverter} into each format, train the
 * simple CNN for one epoch through {@link Main}, as the launcher runs it, and must beat chance
 * (0.1) on a hold-out of 100 clearly.
 */
final class DataFormatsTrainingTest {
    private static final Path DATA =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();
    private static final int IMAGES = 600;

    @TempDir static Path data;

    private static ReferenceDataConverter converter;

    @TempDir Path folder;

    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void convert() {
        converter =
                new ReferenceDataConverter(
                        DATA.resolve("train.npy"), DATA.resolve("train.csv"), IMAGES);
        converter.csvIndices(data.resolve("labels.csv"));
        converter.classFolders(data.resolve("png-classes"));
    }

    static Stream<Arguments> formats() {
        Path labels = data.resolve("labels.csv");
        return Stream.of(
                Arguments.of(
                        "npy uint8 + CSV indices",
                        source(converter.uint8(data.resolve("uint8.npy")), labels, "")),
                Arguments.of(
                        "npy float32 in [0, 1]",
                        source(converter.float32(data.resolve("float32.npy")), labels, "")),
                Arguments.of(
                        "npy big-endian int16",
                        source(converter.bigEndianInt16(data.resolve("int16.npy")), labels, "")),
                Arguments.of(
                        "npy Fortran order",
                        source(converter.fortranOrder(data.resolve("fortran.npy")), labels, "")),
                Arguments.of(
                        "npy (N, C, H, W)",
                        source(converter.nchw(data.resolve("nchw.npy")), labels, "")),
                Arguments.of(
                        "npy flat rows with shape",
                        source(
                                converter.flat(data.resolve("flat.npy")),
                                labels,
                                ", shape: [28, 28]")),
                Arguments.of(
                        "npz with images and labels",
                        source(
                                converter.npz(data.resolve("data.npz")),
                                data.resolve("data.npz"),
                                ", array: x, labelsArray: y")),
                Arguments.of(
                        "npy label vector",
                        source(
                                data.resolve("uint8.npy"),
                                converter.labelVector(data.resolve("labels.npy")),
                                "")),
                Arguments.of(
                        "CSV class names with BOM and CRLF",
                        source(
                                data.resolve("uint8.npy"),
                                converter.csvClassNames(data.resolve("names.csv")),
                                "")),
                Arguments.of(
                        "IDX gzip images + IDX labels",
                        "{type: idx, images: "
                                + converter.idxImagesGzip(
                                        data.resolve("train-images-idx3-ubyte.gz"))
                                + ", labels: "
                                + converter.idxLabels(data.resolve("train-labels-idx1-ubyte"))
                                + "}"),
                Arguments.of(
                        "PNG class folders",
                        "{type: folder, images: " + data.resolve("png-classes") + "}"));
    }

    private static String source(Path images, Path labels, String options) {
        return "{images: " + images + ", labels: " + labels + options + "}";
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(err, true), args);
    }

    private Path train(String trainSource, String extraData) throws IOException {
        Path config = folder.resolve("config.yaml");
        Files.writeString(
                config,
                """
                data:
                  train: %s
                  validation: {size: 100}
                %s
                model: {type: simple-cnn}
                train: {batchSize: 16, device: cpu, seed: 42}
                """
                        .formatted(trainSource, extraData));
        Path run = folder.resolve("run");
        assertThat(
                        run(
                                "train",
                                "--config",
                                config.toString(),
                                "--set",
                                "train.epochs=1",
                                "--output",
                                run.toString()))
                .as(err.toString())
                .isZero();
        return run;
    }

    private static double validationAccuracy(Path run) throws IOException {
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertThat(metrics).hasSize(2);
        return Double.parseDouble(metrics.get(1).split(",")[5]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void trainsOneEpochBeyondChance(String format, String trainSource) throws IOException {
        Path run = train(trainSource, "");

        assertThat(run.resolve("model/classify-model.json")).exists();
        assertThat(Files.readAllLines(run.resolve("holdout.csv"))).hasSize(101).startsWith("id");
        assertThat(validationAccuracy(run)).as(format).isGreaterThan(0.3);
    }

    @Test
    void pngFoldersTrainPredictAndEvaluateByFileName() throws IOException {
        Path test = converter.flatFolder(folder.resolve("png-test"), 0, 12);
        Path run =
                train(
                        "{images: " + data.resolve("png-classes") + "}",
                        "  test: {images: " + test + "}");

        // Folders need no type: a folder is read by the folder plugin.
        List<String> submission = Files.readAllLines(run.resolve("submission.csv"));
        assertThat(submission).hasSize(13).startsWith("id,label");
        assertThat(submission.get(1)).startsWith("0.png,");
        assertThat(submission.get(3)).startsWith("10.png,");
        assertThat(submission.get(2).split(",")[1]).isIn(ReferenceDataConverter.CLASS_NAMES);
        assertThat(Files.readAllLines(run.resolve("holdout.csv")).get(1)).contains(".png");

        Path predictions = folder.resolve("predictions.csv");
        assertThat(
                        run(
                                "predict",
                                "--model",
                                run.toString(),
                                "--images",
                                test.toString(),
                                "--output",
                                predictions.toString()))
                .as(err.toString())
                .isZero();
        assertThat(Files.readAllLines(predictions)).isEqualTo(submission);

        // One image file, of another size: resized to the model's 28x28.
        Path one = folder.resolve("one.png");
        java.awt.image.BufferedImage large =
                new java.awt.image.BufferedImage(56, 56, java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(large, "png", one.toFile());
        Path single = folder.resolve("one.csv");
        assertThat(
                        run(
                                "predict",
                                "--model",
                                run.toString(),
                                "--images",
                                one.toString(),
                                "--output",
                                single.toString()))
                .as(err.toString())
                .isZero();
        assertThat(Files.readAllLines(single))
                .hasSize(2)
                .element(1)
                .asString()
                .startsWith("one.png,");

        // Class folders carry their labels: evaluate needs no --labels.
        Path evaluation = folder.resolve("evaluation");
        assertThat(
                        run(
                                "evaluate",
                                "--model",
                                run.toString(),
                                "--images",
                                data.resolve("png-classes").toString(),
                                "--output",
                                evaluation.toString()))
                .as(err.toString())
                .isZero();
        assertThat(evaluation.resolve("confusion.csv")).exists();
    }

    @Test
    void badImageFilesExitWithTwoAndOneLineAndLeaveNoRunFolder() throws IOException {
        Path root = folder.resolve("bad");
        converter.png(root.resolve("bag/0.png"), 0);
        converter.png(root.resolve("coat/1.png"), 1);
        Path broken = Files.writeString(root.resolve("coat/2.png"), "not a png");
        Path config = folder.resolve("bad.yaml");
        Files.writeString(config, "data:\n  train: {images: " + root + "}\n");
        Path run = folder.resolve("run");

        assertThat(run("train", "--config", config.toString(), "--output", run.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo(
                        "classify: "
                                + broken
                                + ": cannot decode the image (no decoder recognises its content"
                                + " as a PNG, JPEG, BMP or GIF image); re-save it as PNG or"
                                + " JPEG, or remove it"
                                + System.lineSeparator());
        assertThat(run).doesNotExist();

        // Mixed sizes without resize: the odd file and the fix.
        Files.delete(broken);
        javax.imageio.ImageIO.write(
                new java.awt.image.BufferedImage(
                        30, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
                "png",
                root.resolve("coat/3.png").toFile());
        err.getBuffer().setLength(0);
        assertThat(run("train", "--config", config.toString(), "--output", run.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "coat/3.png: is 28x30 pixels (height x width) but the first image,"
                                + " bag/0.png, is 28x28; give every image the same size, or set"
                                + " data.train.resize: [28, 28] to resize them");
        assertThat(run).doesNotExist();
    }

    @Test
    void aClassFolderTheModelDoesNotKnowIsNamedByEvaluate() throws IOException {
        Path run = train("{images: " + data.resolve("png-classes") + "}", "");
        Path unknown = folder.resolve("unknown");
        converter.png(unknown.resolve("zebra/0.png"), 0);

        assertThat(
                        run(
                                "evaluate",
                                "--model",
                                run.toString(),
                                "--images",
                                unknown.toString(),
                                "--output",
                                folder.resolve("evaluation").toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        unknown
                                + ": image zebra/0.png has label 'zebra', which is not a class of"
                                + " the model");
    }
}
