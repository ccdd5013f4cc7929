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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classify lr-find} on the committed quick-start configuration, and its refusals. */
final class LrFindCommandTest {
    private static final Path QUICKSTART =
            Path.of("..", "examples", "quickstart.yaml").toAbsolutePath().normalize();

    @TempDir Path folder;

    private final StringWriter err = new StringWriter();

    private int lrFind(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "lr-find";
        System.arraycopy(args, 0, command, 1, args.length);
        return Main.run(new PrintWriter(err, true), command);
    }

    @Test
    void writesTheChartAndTheCsvAndPrintsTheSuggestion() throws IOException {
        Path png = folder.resolve("sweep.png");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream standard = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code =
                    lrFind(
                            "--config", QUICKSTART.toString(),
                            "--set", "train.device=cpu",
                            "--steps", "30",
                            "--start", "1e-4",
                            "--end", "10",
                            "--output", png.toString());
        } finally {
            System.setOut(standard);
        }

        assertThat(code).as(err.toString()).isZero();
        assertThat(png).isRegularFile();
        assertThat(Files.size(png)).isPositive();
        List<String> csv = Files.readAllLines(folder.resolve("sweep.csv"));
        assertThat(csv.get(0)).isEqualTo("lr,loss,smoothed_loss");
        assertThat(csv).hasSizeBetween(3, 31);
        double previous = 0;
        for (String row : csv.subList(1, csv.size())) {
            String[] cells = row.split(",");
            double rate = Double.parseDouble(cells[0]);
            assertThat(rate).isGreaterThan(previous).isBetween(1e-4, 10.0);
            assertThat(Double.parseDouble(cells[1])).isFinite();
            assertThat(Double.parseDouble(cells[2])).isFinite();
            previous = rate;
        }
        String console = out.toString(StandardCharsets.UTF_8);
        assertThat(console)
                .containsPattern(
                        "suggested learning rate: [0-9.e-]+ \\(steepest descent of the loss\\);"
                                + " minimum/10: [0-9.e-]+");
        double suggested =
                Double.parseDouble(
                        console.replaceAll("(?s).*suggested learning rate: ([0-9.e-]+) .*", "$1"));
        assertThat(suggested).isBetween(1e-4, 10.0);
        assertThat(Files.list(folder)).hasSize(2);

        // the outputs exist now: refused without --force, and left as they were
        long size = Files.size(png);
        assertThat(lrFind("--config", QUICKSTART.toString(), "--output", png.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("sweep.png: exists; give --force to replace it");
        assertThat(Files.size(png)).isEqualTo(size);
    }

    @Test
    void refusesAStartRateNotBelowTheEndInOneLine() {
        Path png = folder.resolve("lr.png");

        int code =
                lrFind(
                        "--config",
                        QUICKSTART.toString(),
                        "--start",
                        "1",
                        "--end",
                        "0.1",
                        "--output",
                        png.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip())
                .doesNotContain("\n")
                .contains("--start")
                .contains("--end");
        assertThat(png).doesNotExist();
    }
}
