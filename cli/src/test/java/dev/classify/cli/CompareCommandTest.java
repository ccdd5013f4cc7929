package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.classify.report.ComparisonTable;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains three short quick-start runs once (the 5x5 simple CNN for 2 epochs, the 3x3 one for 1, and
 * one without a hold-out), then compares them.
 */
final class CompareCommandTest {
    private static final Path DATA =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();

    @TempDir static Path shared;

    private static Path kernel5;
    private static Path kernel3;
    private static Path noHoldOut;

    @TempDir Path folder;

    private final StringWriter err = new StringWriter();
    private String printed = "";

    @BeforeAll
    static void trainThreeRuns() throws IOException {
        kernel5 = train("kernel5", "{type: simple-cnn}", 1000, 2);
        kernel3 = train("kernel3", "{type: simple-cnn, kernelSize: 3}", 1000, 1);
        noHoldOut = train("no-hold-out", "{type: simple-cnn}", 0, 1);
    }

    private static Path train(String name, String model, int holdOut, int epochs)
            throws IOException {
        Path config = shared.resolve(name + ".yaml");
        Files.writeString(
                config,
                """
                data:
                  train: {images: %s/train.npy, labels: %s/train.csv}
                  validation: {size: %d}
                model: %s
                train: {epochs: %d, batchSize: 64}
                """
                        .formatted(DATA, DATA, holdOut, model, epochs));
        Path run = shared.resolve("runs").resolve(name);
        assertThat(Main.run("train", "--config", config.toString(), "--output", run.toString()))
                .isZero();
        return run;
    }

    private int compare(String... args) {
        List<String> all = new ArrayList<>(List.of("compare"));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream console = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            return Main.run(new PrintWriter(err, true), all.toArray(String[]::new));
        } finally {
            System.setOut(console);
            printed = out.toString(StandardCharsets.UTF_8);
        }
    }

    /** The metrics.csv rows of a run, split into cells. */
    private static List<String[]> metrics(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        return lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)).toList();
    }

    /** The row the table should show for a run, with its cells separated by one space. */
    private static String expectedRow(String label, String model, String parameters, Path run)
            throws IOException {
        List<String[]> rows = metrics(run);
        String[] best = null;
        double wall = 0;
        for (String[] row : rows) {
            wall += Double.parseDouble(row[6]);
            if (!row[5].isEmpty()
                    && (best == null || Double.parseDouble(row[5]) > Double.parseDouble(best[5]))) {
                best = row;
            }
        }
        return String.join(
                " ",
                label,
                model,
                parameters,
                Integer.toString(rows.size()),
                best == null
                        ? "-"
                        : String.format(Locale.ROOT, "%.4f", Double.parseDouble(best[5])),
                best == null ? "-" : best[0],
                "0.01",
                ComparisonTable.duration(wall));
    }

    @Test
    void printsTheTableAndWritesTheCsvAndTheCurves() throws IOException {
        Path output = folder.resolve("comparison");

        int code =
                compare(
                        kernel5.toString(),
                        kernel3.toString(),
                        noHoldOut.toString(),
                        "--output",
                        output.toString());

        assertThat(code).as(err.toString()).isZero();
        List<String> lines =
                printed.lines().map(line -> line.trim().replaceAll(" {2,}", " ")).toList();
        assertThat(lines.get(0))
                .isEqualTo(
                        "run model parameters epochs best val acc best epoch final lr wall time");
        assertThat(lines.get(1)).isEqualTo(expectedRow("kernel5", "simple-cnn", "21,840", kernel5));
        assertThat(lines.get(2))
                .isEqualTo(expectedRow("kernel3", "simple-cnn kernelSize=3", "27,480", kernel3));
        assertThat(lines.get(3))
                .isEqualTo(expectedRow("no-hold-out", "simple-cnn", "21,840", noHoldOut))
                .contains(" - - ");
        assertThat(lines)
                .contains(
                        "note: no-hold-out has no validation metrics (trained without a hold-out)");

        List<String> csv = Files.readAllLines(output.resolve("comparison.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0))
                .isEqualTo(
                        "run,model,parameters,epochs,best_val_accuracy,best_epoch,final_lr,wall_seconds");
        String bestOf5 =
                metrics(kernel5).stream()
                        .max(
                                (a, b) ->
                                        Double.compare(
                                                Double.parseDouble(a[5]), Double.parseDouble(b[5])))
                        .map(row -> row[5] + "," + row[0])
                        .orElseThrow();
        assertThat(csv.get(1)).startsWith("kernel5,simple-cnn,21840,2," + bestOf5 + ",0.0100000,");
        assertThat(csv.get(3)).startsWith("no-hold-out,simple-cnn,21840,1,,,0.0100000,");

        BufferedImage chart = ImageIO.read(output.resolve("validation-curves.png").toFile());
        assertThat(chart.getWidth()).isEqualTo(1280);
        assertThat(chart.getHeight()).isEqualTo(480);
        assertThat(output.toFile().list())
                .containsExactlyInAnyOrder("comparison.csv", "validation-curves.png");
        assertThat(printed)
                .contains("wrote " + output.resolve("comparison.csv"))
                .contains(output.resolve("validation-curves.png").toString());
    }

    @Test
    void withoutOutputOnlyPrints() {
        assertThat(compare(kernel3.toString())).as(err.toString()).isZero();
        assertThat(printed).contains("kernel3").doesNotContain("wrote");
    }

    @Test
    void aFolderThatIsNotARunExitsWithTwoAndWritesNothing() throws IOException {
        Path notARun = Files.createDirectories(folder.resolve("not-a-run"));
        Files.writeString(notARun.resolve("config.yaml"), "train: {epochs: 1}\n");
        Path output = folder.resolve("out");

        assertThat(compare(kernel5.toString(), notARun.toString(), "--output", output.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo(
                        "classify: "
                                + notARun
                                + ": not a run folder (no metrics.csv); give a folder written by"
                                + " 'classify train' that finished an epoch"
                                + System.lineSeparator());
        assertThat(output).doesNotExist();
    }

    @Test
    void aDamagedMetricsFileExitsWithTwoNamingItsLine() throws IOException {
        Path damaged = Files.createDirectories(folder.resolve("damaged"));
        List<String> lines = Files.readAllLines(kernel5.resolve("metrics.csv"));
        // The second epoch's validation accuracy (column 6) becomes 2.5.
        String[] cells = lines.get(2).split(",");
        cells[5] = "2.5";
        lines.set(2, String.join(",", cells));
        Files.write(damaged.resolve("metrics.csv"), lines);

        assertThat(compare(kernel5.toString(), damaged.toString())).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo(
                        "classify: "
                                + damaged.resolve("metrics.csv")
                                + ": line 3: val_accuracy is 2.5, outside 0..1; the file is"
                                + " damaged: train the run again"
                                + System.lineSeparator());
        assertThat(printed).doesNotContain("2.5");
    }

    @Test
    void aFileThatCannotBeWrittenIsOneLineNamingIt() throws IOException {
        // A folder where comparison.csv goes: the rename onto it fails, for root too. (A write
        // that failed used to be "internal error: java.io.IOException" without the file.)
        Path output = folder.resolve("out");
        Files.createDirectories(output.resolve("comparison.csv").resolve("keep"));

        assertThat(compare(kernel5.toString(), "--output", output.toString())).isEqualTo(2);

        assertThat(err.toString())
                .isEqualTo(
                        "classify: "
                                + output.resolve("comparison.csv")
                                + ": cannot write (Is a directory); give another --output"
                                + System.lineSeparator());
        assertThat(output.toFile().list()).containsExactly("comparison.csv");
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        assertThat(compare()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'RUN_DIR'");

        Path file = Files.writeString(folder.resolve("taken"), "x");
        assertThat(compare(kernel5.toString(), "--output", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("taken: is a file; give a folder for --output");

        assertThat(compare(kernel5.toString(), kernel5.resolve(".").toString())).isEqualTo(2);
        assertThat(err.toString()).contains(": given twice; give each run folder once");
    }
}
