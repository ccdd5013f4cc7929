package dev.classify.engine.data;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.DataSource;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.Options;
import dev.classify.datasets.NpyDatasetProvider;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.report.SmallImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A label outside {@code model.numClasses} is reported where it was read: the line of a labels CSV
 * file, else the image's index. Maven runs tests in the module folder, so the examples are one
 * level up.
 */
final class LabelRangeTest {
    private static final Path DATA =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();

    @TempDir Path folder;

    @Test
    void trainingNamesTheLabelsFileAndTheFirstOffendingLine() throws IOException {
        // The quick-start labels with one typo: id 11 (line 13, after the header) gets label 10.
        List<String> lines = new ArrayList<>(Files.readAllLines(DATA.resolve("train.csv")));
        lines.set(12, "11,10");
        Path labels = Files.write(folder.resolve("train.csv"), lines);
        String yaml =
                """
                data:
                  train: {images: %s, labels: %s}
                model: {type: simple-cnn, numClasses: 10}
                train: {device: cpu}
                """
                        .formatted(DATA.resolve("train.npy"), labels);
        PipelineConfig config =
                new ConfigurationLoader().parse(yaml, folder, List.of(), Path.of("typo.yaml"));

        assertThatThrownBy(() -> Classify.forClassPath().prepare(config))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        labels
                                + ": line 13: label 10 is outside 0..9 (model.numClasses is 10);"
                                + " fix the label, or set model.numClasses to 11 for the 11"
                                + " classes of the labels");
    }

    @Test
    void namesTheFirstLineNotTheFirstId() throws IOException {
        // Rows in any id order: id 3 (line 2) comes before id 1 (line 4) in the file.
        Path labels =
                Files.writeString(folder.resolve("shuffled.csv"), "id,label\n3,4\n0,0\n1,3\n2,1\n");
        ImageSet images = open(labels);

        assertThatThrownBy(() -> LabelRange.check(images, labels, 3))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(
                        labels + ": line 2: label 4 is outside 0..2 (model.numClasses is 3)");
    }

    @Test
    void namesAClassNameAndItsClassIndex() throws IOException {
        Path labels =
                Files.writeString(
                        folder.resolve("names.csv"), "id,label\n0,cat\n1,dog\n2,cat\n3,zebra\n");
        ImageSet images = open(labels);

        assertThatThrownBy(() -> LabelRange.check(images, labels, 2))
                .hasMessageStartingWith(
                        labels
                                + ": line 5: label 'zebra' (class 2) is outside 0..1"
                                + " (model.numClasses is 2)");
    }

    @Test
    void namesTheIndexWhenTheLabelsAreNotLinesOfText() {
        ImageSet images = new SmallImages(1, 2, new int[] {0, 1, 2, 1}, List.of("0", "1", "2"));
        Path labels = Path.of("labels.npy");

        assertThatThrownBy(() -> LabelRange.check(images, labels, 2))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(
                        "labels.npy: image img-2 (index 2): label 2 is outside 0..1"
                                + " (model.numClasses is 2); fix the label, or set"
                                + " model.numClasses to 3");
    }

    @Test
    void acceptsLabelsInsideTheClasses() {
        ImageSet images = new SmallImages(1, 2, new int[] {0, 1, 2, 1}, List.of("0", "1", "2"));

        assertThatCode(() -> LabelRange.check(images, Path.of("l.csv"), 3))
                .doesNotThrowAnyException();
        assertThatCode(() -> LabelRange.check(images, Path.of("l.csv"), 5))
                .doesNotThrowAnyException();
        assertThatCode(() -> LabelRange.check(images, Path.of("l.csv"), null))
                .doesNotThrowAnyException();
    }

    /** Black 2x2 images, one per row of {@code labels}, with those labels. */
    private ImageSet open(Path labels) throws IOException {
        int count = Files.readAllLines(labels).size() - 1;
        // A .npy file as numpy.save writes it: magic, version 1.0, header padded to 128 bytes.
        String header =
                "{'descr': '|u1', 'fortran_order': False, 'shape': (" + count + ", 2, 2), }";
        header = header + " ".repeat(128 - 10 - header.length() - 1) + "\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        bytes.write(new byte[] {(byte) header.length(), 0});
        bytes.write(header.getBytes(StandardCharsets.ISO_8859_1));
        bytes.write(new byte[count * 4]);
        Path images = Files.write(folder.resolve("images.npy"), bytes.toByteArray());
        return new NpyDatasetProvider()
                .open(
                        new DataSource(
                                images, Optional.of(labels), new Options("data.train", Map.of())));
    }
}
