package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains the quick-start model for one epoch once, then evaluates it on the test images. */
final class EvaluateCommandTest {
    private static final Path DATA =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();
    private static final Path IMAGES = DATA.resolve("test.npy");
    private static final Path LABELS = DATA.resolve("test-labels.csv");

    @TempDir static Path shared;

    private static Path run;

    @TempDir Path folder;

    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void trainOneEpoch() throws IOException {
        Path config = shared.resolve("config.yaml");
        Files.writeString(
                config,
                """
                data:
                  train: {images: %s/train.npy, labels: %s/train.csv}
                  validation: {size: 1000}
                train: {epochs: 1, batchSize: 64}
                """
                        .formatted(DATA, DATA));
        run = shared.resolve("run");
        assertThat(Main.run("train", "--config", config.toString(), "--output", run.toString()))
                .isZero();
    }

    private int evaluate(Path labels, Path output) {
        return Main.run(
                new PrintWriter(err, true),
                "evaluate",
                "--model",
                run.toString(),
                "--images",
                IMAGES.toString(),
                "--labels",
                labels.toString(),
                "--output",
                output.toString());
    }

    @Test
    void printsTheScoresAndWritesTheFiles() throws IOException {
        Path output = folder.resolve("evaluation");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream console = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = evaluate(LABELS, output);
        } finally {
            System.setOut(console);
        }

        assertThat(code).as(err.toString()).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .containsPattern("accuracy 0\\.\\d{4} \\(\\d+ of 1000 images\\)")
                .contains("class      precision  recall      f1  support")
                .contains("macro avg");
        assertThat(output.toFile().list())
                .contains("confusion.csv", "confusion.png", "errors.png", "metrics.json");
        List<String> confusion = Files.readAllLines(output.resolve("confusion.csv"));
        assertThat(confusion).hasSize(11);
        assertThat(confusion.get(0)).isEqualTo("true\\predicted,0,1,2,3,4,5,6,7,8,9");
        assertThat(ImageIO.read(output.resolve("confusion.png").toFile()).getWidth())
                .isGreaterThan(300);
        assertThat(ImageIO.read(output.resolve("errors.png").toFile()).getHeight())
                .isGreaterThan(1000);

        // Evaluating again replaces its own files.
        assertThat(evaluate(LABELS, output)).as(err.toString()).isZero();
    }

    @Test
    void rejectsAMissingLabelsFile() {
        assertThat(evaluate(folder.resolve("missing.csv"), folder.resolve("out"))).isEqualTo(2);
        assertThat(err.toString()).contains("missing.csv: labels file not found; check --labels");
    }

    @Test
    void rejectsALabelOutsideTheModelsClasses() throws IOException {
        StringBuilder labels = new StringBuilder("id,label\n");
        for (int id = 0; id < 1000; id++) {
            labels.append(id).append(',').append(id == 3 ? 12 : 0).append('\n');
        }
        Path file = Files.writeString(folder.resolve("labels.csv"), labels);

        assertThat(evaluate(file, folder.resolve("out"))).isEqualTo(2);
        assertThat(err.toString())
                .contains("labels.csv: image 3 has label '12', which is not a class of the model");
        assertThat(folder.resolve("out/confusion.csv")).doesNotExist();
    }

    @Test
    void rejectsAFileAsOutputFolder() throws IOException {
        Path file = Files.writeString(folder.resolve("taken"), "x");

        assertThat(evaluate(LABELS, file)).isEqualTo(2);
        assertThat(err.toString()).contains("taken: is a file; give a folder for --output");
    }

    @Test
    void rejectsALogFileItCannotWrite() throws IOException {
        Path output = folder.resolve("out-log");
        Files.createDirectories(output.resolve("evaluate.log"));

        assertThat(evaluate(LABELS, output)).isEqualTo(2);
        assertThat(err.toString())
                .contains("evaluate.log: cannot write the log file (")
                .contains("give another --output")
                .doesNotContain("at java.");
        assertThat(output.resolve("confusion.csv")).doesNotExist();
    }
}
