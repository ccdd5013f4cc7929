package dev.classify.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class EvaluationReportTest {
    private static final List<String> MODEL_CLASSES = List.of("cat", "dog", "bird");

    @TempDir Path folder;

    @Test
    void writesTheConfusionMatrixWithClassNames() throws IOException {
        SmallImages images = new SmallImages(1, 8, new int[] {0, 0, 1, 1}, List.of("cat", "dog"));
        Path output = folder.resolve("new/evaluation");

        EvaluationReport.write(
                output, images, new int[] {0, 0, 1, 1}, new int[] {0, 2, 1, 0}, MODEL_CLASSES);

        assertThat(Files.readAllLines(output.resolve("confusion.csv")))
                .containsExactly(
                        "true\\predicted,cat,dog,bird", "cat,1,0,1", "dog,1,1,0", "bird,0,0,0");
        assertThat(output.toFile().list())
                .containsExactlyInAnyOrderElementsOf(EvaluationReport.FILES);
    }

    @Test
    void writesTheScoresAsJson() throws IOException {
        SmallImages images = new SmallImages(1, 8, new int[] {0, 0, 1, 1}, List.of("cat", "dog"));

        EvaluationReport.write(
                folder, images, new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 0}, MODEL_CLASSES);

        JsonNode metrics = new ObjectMapper().readTree(folder.resolve("metrics.json").toFile());
        assertThat(metrics.get("images").asInt()).isEqualTo(4);
        assertThat(metrics.get("accuracy").asDouble()).isEqualTo(0.75);
        assertThat(metrics.get("macro").get("recall").asDouble()).isEqualTo(0.75);
        assertThat(metrics.get("classes")).hasSize(2);
        JsonNode dog = metrics.get("classes").get(1);
        assertThat(dog.get("name").asText()).isEqualTo("dog");
        assertThat(dog.get("precision").asDouble()).isEqualTo(1.0);
        assertThat(dog.get("recall").asDouble()).isEqualTo(0.5);
        assertThat(dog.get("support").asInt()).isEqualTo(2);
    }

    @Test
    void drawsTheHeatMapAndTheMisclassifiedImagesAsPngs() throws IOException {
        int[] truth = new int[100];
        int[] predicted = new int[100];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = i % 3;
            predicted[i] = i % 4 == 0 ? (i + 1) % 3 : i % 3;
        }
        SmallImages images = new SmallImages(3, 28, truth, MODEL_CLASSES);
        Files.writeString(folder.resolve("notes.txt"), "kept");

        EvaluationReport.write(folder, images, truth, predicted, MODEL_CLASSES);

        BufferedImage confusion = ImageIO.read(folder.resolve("confusion.png").toFile());
        assertThat(confusion.getWidth()).isBetween(200, 1200);
        assertThat(confusion.getHeight()).isBetween(200, 1200);
        // 25 errors: 8 columns of 112-pixel tiles, 4 rows.
        BufferedImage errors = ImageIO.read(folder.resolve("errors.png").toFile());
        assertThat(errors.getWidth()).isEqualTo(8 + 8 * (ErrorGrid.TILE + 8));
        assertThat(errors.getHeight()).isGreaterThan(4 * ErrorGrid.TILE);
        assertThat(folder.resolve("notes.txt")).hasContent("kept");
    }

    @Test
    void drawsAtMostSixtyFourErrorsAndSaysWhenThereIsNone() throws IOException {
        int[] truth = new int[200];
        int[] predicted = new int[200];
        java.util.Arrays.fill(predicted, 1);
        SmallImages images = new SmallImages(1, 28, truth, MODEL_CLASSES);

        BufferedImage many = ErrorGrid.draw(images, truth, predicted, MODEL_CLASSES);
        BufferedImage none = ErrorGrid.draw(images, truth, truth, MODEL_CLASSES);

        assertThat(many.getHeight()).isLessThan(9 * (ErrorGrid.TILE + 40));
        assertThat(many.getHeight()).isGreaterThan(8 * ErrorGrid.TILE);
        assertThat(none.getWidth()).isLessThan(300);
    }
}
