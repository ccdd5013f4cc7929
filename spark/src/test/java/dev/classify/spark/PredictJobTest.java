package dev.classify.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PredictJob} as {@code ./classify-spark predict} runs it, in local mode: CSV part files
 * with predict's labels, failed rows counted, and the bad inputs that stop it before any task.
 */
final class PredictJobTest {
    private static Fixture fixture;

    @TempDir Path folder;

    @BeforeAll
    static void fixture() throws IOException {
        fixture = Fixture.get();
    }

    @Test
    void writesCsvPartFilesWithPredictsLabelsAndCountsRowsPastTheEndOfACutFile()
            throws IOException {
        // The last 100 rows of 2,000 cut off: they fail, the rest is predicted.
        Path cut = folder.resolve("cut.npy");
        byte[] whole = Files.readAllBytes(fixture.npy);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 100 * 28 * 28));
        Path output = folder.resolve("out");

        Result result =
                run(
                        "predict",
                        "--master",
                        "local[2]",
                        "--model",
                        fixture.run.toString(),
                        "--images",
                        cut.toString(),
                        "--output",
                        output.toString(),
                        "--rows-per-task",
                        "512");

        assertThat(result.code).as(result.err).isZero();
        assertThat(result.out)
                .contains("wrote 2000 predictions to " + output)
                .contains("failed: 100 of 2000 rows")
                .contains("row 1900 is past the end of the file");
        Map<String, String> labels = labels(output);
        assertThat(labels).hasSize(2000);
        for (int i = 0; i < 2000; i++) {
            String want = i < 1900 ? best(fixture.expectedNpy.get(String.valueOf(i))) : "";
            assertThat(labels.get(String.valueOf(i))).as("id " + i).isEqualTo(want);
        }
    }

    @Test
    void modelGivenTwiceWritesTheEnsemblesLabels() throws IOException {
        Path second = fixture.secondRun();
        Path output = folder.resolve("ensemble");

        Result result =
                run(
                        "predict",
                        "--master",
                        "local[2]",
                        "--model",
                        fixture.run.toString(),
                        "--model",
                        second.toString(),
                        "--images",
                        fixture.npy.toString(),
                        "--output",
                        output.toString());

        assertThat(result.code).as(result.err).isZero();
        assertThat(result.out)
                .contains(
                        "ensemble of 2 models: each image's class probabilities are the mean of"
                                + " theirs")
                .contains("wrote 2000 predictions to " + output);
        Map<String, String> labels = labels(output);
        assertThat(labels).hasSize(2000);
        int changed = 0;
        for (int i = 0; i < 2000; i++) {
            String id = String.valueOf(i);
            assertThat(labels.get(id))
                    .as("id " + id)
                    .isEqualTo(best(fixture.expectedNpyEnsemble.get(id)));
            changed += labels.get(id).equals(best(fixture.expectedNpy.get(id))) ? 0 : 1;
        }
        // One epoch each: the second model changes some of the first one's answers.
        assertThat(changed).isPositive();
    }

    /** The id,label rows of the CSV part files in {@code output}, by id. */
    private static Map<String, String> labels(Path output) throws IOException {
        Map<String, String> labels = new HashMap<>();
        try (Stream<Path> parts = Files.list(output)) {
            for (Path part :
                    parts.filter(p -> p.getFileName().toString().startsWith("part-"))
                            .filter(p -> p.toString().endsWith(".csv"))
                            .toList()) {
                List<String> lines = Files.readAllLines(part);
                assertThat(lines.get(0)).isEqualTo("id,label");
                for (String line : lines.subList(1, lines.size())) {
                    String[] cells = line.split(",", -1);
                    labels.put(cells[0], cells[1]);
                }
            }
        }
        return labels;
    }

    @Test
    void anExistingOutputWithoutForceIsOneLineAndExitCode2() throws IOException {
        Path output = Files.createDirectories(folder.resolve("taken"));

        Result result =
                run(
                        "predict",
                        "--master",
                        "local[2]",
                        "--model",
                        fixture.run.toString(),
                        "--images",
                        fixture.npy.toString(),
                        "--output",
                        output.toString());

        assertThat(result.code).isEqualTo(2);
        assertThat(result.err.lines())
                .containsExactly(
                        "classify-spark: " + output + ": exists; give --force to replace it");
    }

    @Test
    void aMissingModelIsOneLineAndExitCode2BeforeAnyTask() {
        Path model = folder.resolve("no-such-run");

        Result result =
                run(
                        "predict",
                        "--master",
                        "local[2]",
                        "--model",
                        model.toString(),
                        "--images",
                        fixture.npy.toString(),
                        "--output",
                        folder.resolve("out").toString());

        assertThat(result.code).isEqualTo(2);
        assertThat(result.err.lines()).hasSize(1);
        assertThat(result.err).startsWith("classify-spark: " + model + ": model not found");
        assertThat(folder.resolve("out")).doesNotExist();
    }

    @Test
    void aModelWhosePluginIsAbsentIsOneLineAndExitCode2() throws IOException {
        Path run = folder.resolve("wrn-run");
        copy(fixture.run.resolve("model"), run.resolve("model"));
        Path description = run.resolve("model").resolve("classify-model.json");
        Files.writeString(
                description, Files.readString(description).replace("\"simple-cnn\"", "\"wrn\""));

        Result result =
                run(
                        "predict",
                        "--master",
                        "local[2]",
                        "--model",
                        run.toString(),
                        "--images",
                        fixture.npy.toString(),
                        "--output",
                        folder.resolve("out").toString());

        assertThat(result.code).as(result.err).isEqualTo(2);
        assertThat(result.err.lines()).hasSize(1);
        assertThat(result.err).contains("unknown model 'wrn'");
    }

    @Test
    void badFlagsAreExitCode2() {
        Result result =
                run(
                        "predict",
                        "--model",
                        "m",
                        "--images",
                        "i",
                        "--output",
                        "o",
                        "--format",
                        "json");

        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).startsWith("classify-spark: --format must be csv or parquet");
    }

    private static String best(float[] probabilities) {
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
            best = probabilities[c] > probabilities[best] ? c : best;
        }
        return fixture.classNames.get(best);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = PredictJob.run(new PrintWriter(err, true), args);
        } finally {
            System.setOut(previous);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }
}
