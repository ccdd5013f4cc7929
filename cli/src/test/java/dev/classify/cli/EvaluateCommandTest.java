package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the quick-start model for one epoch once (and again with another seed, for ensembles),
 * then evaluates it on the test images.
 */
final class EvaluateCommandTest {
    private static final Path DATA =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();
    private static final Path IMAGES = DATA.resolve("test.npy");
    private static final Path LABELS = DATA.resolve("test-labels.csv");

    @TempDir static Path shared;

    private static Path run;

    private static Path otherSeed;

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
        otherSeed = shared.resolve("other-seed");
        assertThat(
                        Main.run(
                                "train",
                                "--config",
                                config.toString(),
                                "--set",
                                "train.seed=7",
                                "--output",
                                otherSeed.toString()))
                .isZero();
    }

    /** Runs {@code args} and returns the exit code and what it printed, then its errors. */
    private String console(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream console = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.run(new PrintWriter(err, true), args);
        } finally {
            System.setOut(console);
        }
        return code + "\n" + out.toString(StandardCharsets.UTF_8) + err;
    }

    /** The class probabilities of {@code predict --probabilities} with {@code models}. */
    private double[][] probabilities(String name, Path... models) throws IOException {
        Path output = folder.resolve(name);
        List<String> args =
                new ArrayList<>(
                        List.of("predict", "--images", IMAGES.toString(), "--probabilities"));
        for (Path model : models) {
            args.addAll(List.of("--model", model.toString()));
        }
        args.addAll(List.of("--output", output.toString()));
        assertThat(console(args.toArray(String[]::new))).startsWith("0\n");
        return numbers(output, 2);
    }

    /**
     * The values of the columns from {@code first} on of every row of {@code csv} but its header.
     */
    private static double[][] numbers(Path csv, int first) throws IOException {
        return Files.readAllLines(csv).stream()
                .skip(1)
                .map(line -> line.split(","))
                .map(
                        cells ->
                                Arrays.stream(cells, first, cells.length)
                                        .mapToDouble(Double::parseDouble)
                                        .toArray())
                .toArray(double[][]::new);
    }

    private int evaluate(Path labels, Path output) {
        return Main.run(new PrintWriter(err, true), evaluation(labels, output));
    }

    /** The arguments that evaluate the first run's model on the test images, then {@code more}. */
    private static String[] evaluation(Path labels, Path output, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "evaluate",
                                "--model",
                                run.toString(),
                                "--images",
                                IMAGES.toString(),
                                "--labels",
                                labels.toString(),
                                "--output",
                                output.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
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

    @Test
    void anEnsembleAveragesTheClassProbabilitiesOfItsModels() throws IOException {
        double[][] first = probabilities("first.csv", run);
        double[][] second = probabilities("second.csv", otherSeed);
        double[][] both = probabilities("both.csv", run, otherSeed);

        assertThat(both).hasNumberOfRows(1000);
        for (int i = 0; i < both.length; i++) {
            for (int c = 0; c < 10; c++) {
                // The CSV rounds to 6 decimals.
                assertThat(both[i][c]).isCloseTo((first[i][c] + second[i][c]) / 2, within(1.5e-6));
            }
        }
        assertThat(first[0][0]).isNotCloseTo(second[0][0], within(1e-4));
    }

    /**
     * Evaluates the first run's model on the test images into {@code output}, with {@code more}
     * options, and returns the exit code, the console and the errors (see {@link #console}).
     */
    private String evaluateWith(Path output, String... more) {
        return console(evaluation(LABELS, output, more));
    }

    @Test
    void evaluatesAnEnsembleAndSaysSo() {
        String printed = evaluateWith(folder.resolve("ensemble"), "--model", otherSeed.toString());

        assertThat(printed)
                .startsWith("0\n")
                .contains(
                        "ensemble of 2 models: each image's class probabilities are the mean of"
                                + " theirs")
                .containsPattern("accuracy 0\\.\\d{4} \\(\\d+ of 1000 images\\)");
    }

    @Test
    void evaluatesOnlyTheImagesTheIdsFileLists() throws IOException {
        Path ids = Files.writeString(folder.resolve("some.csv"), "id\n7\n3\n998\n");
        Path output = folder.resolve("some");

        assertThat(evaluateWith(output, "--ids", ids.toString()))
                .startsWith("0\n")
                .containsPattern("accuracy \\S+ \\(\\d of 3 images\\)");
        double[][] confusion = numbers(output.resolve("confusion.csv"), 1);
        assertThat(Arrays.stream(confusion).flatMapToDouble(Arrays::stream).sum()).isEqualTo(3);
    }

    @Test
    void refusesAnIdsFileThatIsMissingOrNamesAnotherImage() throws IOException {
        Map<Path, String> refused =
                Map.of(
                        folder.resolve("missing.csv"),
                        "missing.csv: ids file not found; check --ids",
                        Files.writeString(folder.resolve("stranger.csv"), "id\n3\n1000\n"),
                        "stranger.csv: line 3: id '1000' is not the id of any of the images",
                        Files.writeString(folder.resolve("none.csv"), "id\n"),
                        "none.csv: lists no image; give a file with one id a row");
        Path output = folder.resolve("out");
        refused.forEach(
                (ids, message) -> {
                    err.getBuffer().setLength(0);
                    assertThat(evaluateWith(output, "--ids", ids.toString()))
                            .startsWith("2\n")
                            .contains(message)
                            .doesNotContain("at java.");
                });
        assertThat(output.resolve("confusion.csv")).doesNotExist();
    }
}
