package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the quick-start model for 2 epochs once, on labels that are Fashion-MNIST's class names
 * with characters that HTML must escape, then writes and renders its report.
 */
final class ReportCommandTest {
    private static final Path DATA =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();

    /** Fashion-MNIST's classes by label; the first and seventh need escaping in HTML and CSV. */
    private static final List<String> NAMES =
            List.of(
                    "<T-shirt & top>",
                    "Trouser",
                    "Pullover",
                    "Dress",
                    "Coat",
                    "Sandal",
                    "Shirt \"formal\"",
                    "Sneaker",
                    "Bag",
                    "Ankle boot");

    private static final long BROWSER_TIMEOUT_SECONDS = 120;

    @TempDir static Path shared;

    private static Path run;

    @TempDir Path folder;

    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void trainOnNamedClasses() throws IOException {
        List<String> lines = Files.readAllLines(DATA.resolve("train.csv"));
        StringBuilder labels = new StringBuilder("id,label\n");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            String name = NAMES.get(Integer.parseInt(cells[1]));
            labels.append(cells[0]).append(",\"").append(name.replace("\"", "\"\"")).append("\"\n");
        }
        Path labelsFile = Files.writeString(shared.resolve("named-labels.csv"), labels);
        Path config = shared.resolve("config.yaml");
        Files.writeString(
                config,
                """
                data:
                  train: {images: %s/train.npy, labels: %s}
                  validation: {size: 1000}
                train: {epochs: 2, batchSize: 64}
                """
                        .formatted(DATA, labelsFile));
        run = shared.resolve("run");
        assertThat(Main.run("train", "--config", config.toString(), "--output", run.toString()))
                .isZero();
    }

    private int report(String... args) {
        List<String> all = new ArrayList<>(List.of("report"));
        all.addAll(List.of(args));
        return Main.run(new PrintWriter(err, true), all.toArray(String[]::new));
    }

    private static List<String> images(String html) {
        Matcher matcher =
                Pattern.compile(
                                "<img src=\"data:image/png;base64,[A-Za-z0-9+/=]+\" width=\"(\\d+)\" height=\"(\\d+)\"")
                        .matcher(html);
        List<String> sizes = new ArrayList<>();
        while (matcher.find()) {
            sizes.add(matcher.group(1) + "x" + matcher.group(2));
        }
        return sizes;
    }

    @Test
    void writesOneSelfContainedPageIntoTheRunFolder() throws IOException {
        assertThat(report(run.toString())).as(err.toString()).isZero();

        String html = Files.readString(run.resolve("report.html"), StandardCharsets.UTF_8);
        // curves.png, confusion.png and errors.png, embedded.
        assertThat(images(html)).hasSize(3).first().isEqualTo("1280x420");
        assertThat(html)
                .contains("<td>&lt;T-shirt &amp; top&gt;</td>")
                .contains("<td>Shirt &quot;formal&quot;</td>")
                .contains("<th>parameters</th><td>21,840 (trainable)</td>")
                .contains("<th>epochs</th><td>2</td>")
                .contains("<section id=\"configuration\">")
                .contains("<section id=\"timing\">")
                .contains("hold-out accuracy")
                .doesNotContain("<T-shirt")
                .doesNotContain("class=\"missing\"")
                .doesNotContain(" src=\"http")
                .doesNotContain(" href=")
                .doesNotContain("<script")
                .doesNotContain("<link");
        // Written again: the report's own file is replaced.
        assertThat(report(run.toString())).as(err.toString()).isZero();
    }

    @Test
    void aRunWithoutEvaluationOrCurvesSaysSo() throws IOException {
        Path bare = Files.createDirectories(folder.resolve("bare"));
        Files.copy(run.resolve("metrics.csv"), bare.resolve("metrics.csv"));
        Files.copy(run.resolve("config.yaml"), bare.resolve("config.yaml"));
        Path output = folder.resolve("pages/bare.html");

        assertThat(report(bare.toString(), "--output", output.toString()))
                .as(err.toString())
                .isZero();

        String html = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(images(html)).isEmpty();
        assertThat(html)
                .contains("No curves.png in this run.")
                .contains("No evaluation: the run has no evaluation/ folder")
                .contains("<th>model</th><td>simple-cnn</td>")
                .contains("<th>parameters</th><td>unknown</td>");
        assertThat(bare.resolve("report.html")).doesNotExist();
    }

    @Test
    void badInputExitsWithTwo() throws IOException {
        Path empty = Files.createDirectories(folder.resolve("empty"));
        assertThat(report(empty.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(empty + ": not a run folder (no metrics.csv)");

        Path taken = Files.writeString(folder.resolve("taken.html"), "mine");
        assertThat(report(run.toString(), "--output", taken.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("taken.html: exists; give --force to replace it");
        assertThat(Files.readString(taken)).isEqualTo("mine");

        assertThat(
                        report(
                                run.toString(),
                                "--output",
                                run.resolve("metrics.csv").toString(),
                                "--force"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("metrics.csv: give a file name ending in .html, such as report.html");

        assertThat(report(run.toString(), "--output", taken.toString(), "--force"))
                .as(err.toString())
                .isZero();
        assertThat(Files.readString(taken)).startsWith("<!DOCTYPE html>");
    }

    @Test
    void aReadOnlyRunFolderIsOneLineNamingTheFile() throws Exception {
        // A run folder that cannot be written used to be "internal error: FileSystemException".
        Path readOnly = Files.createDirectories(folder.resolve("read-only"));
        Files.copy(run.resolve("metrics.csv"), readOnly.resolve("metrics.csv"));
        Files.copy(run.resolve("config.yaml"), readOnly.resolve("config.yaml"));

        try (ImmutableFolder immutable = ImmutableFolder.of(readOnly)) {
            assertThat(report(readOnly.toString())).isEqualTo(2);
        }

        assertThat(err.toString())
                .isEqualTo(
                        "classify: "
                                + readOnly.resolve("report.html")
                                + ": cannot write (Operation not permitted); make the folder"
                                + " writable or give another --output"
                                + System.lineSeparator());
        assertThat(readOnly.toFile().list())
                .containsExactlyInAnyOrder("metrics.csv", "config.yaml");
    }

    @Test
    void aDamagedMetricsFileExitsWithTwoAndWritesNothing() throws IOException {
        Path damaged = Files.createDirectories(folder.resolve("damaged"));
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        // The first epoch's seconds (column 7) become negative.
        String[] cells = lines.get(1).split(",");
        cells[6] = "-3.5";
        lines.set(1, String.join(",", cells));
        Files.write(damaged.resolve("metrics.csv"), lines);

        assertThat(report(damaged.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        damaged.resolve("metrics.csv")
                                + ": line 2: epoch_seconds is -3.5, not a finite number >= 0; the"
                                + " file is damaged: train the run again");
        assertThat(damaged.resolve("report.html")).doesNotExist();
    }

    /**
     * Opens the report in headless Chromium with a small script added that waits for the load event
     * and writes, into the page, how many pictures there are, how many decoded with a non-zero
     * size, their natural sizes, and how many elements named {@code t-shirt} exist (one would mean
     * that a class name was taken as markup).
     */
    @Test
    void rendersInHeadlessChromiumWithEveryPictureLoaded() throws Exception {
        Optional<Path> chromium = chromium();
        Assumptions.assumeTrue(
                chromium.isPresent(),
                "no browser: chromium is not installed (Debian package chromium, which .ci/run"
                        + " installs), so report.html is not rendered");
        assertThat(report(run.toString())).as(err.toString()).isZero();
        String html = Files.readString(run.resolve("report.html"), StandardCharsets.UTF_8);
        String check =
                """
                <script>
                window.addEventListener('load', function () {
                  var images = Array.prototype.slice.call(document.images);
                  var loaded = images.filter(function (i) { return i.complete && i.naturalWidth > 0; });
                  var result = document.createElement('p');
                  result.id = 'render-check';
                  result.textContent = 'images=' + images.length + ' loaded=' + loaded.length
                      + ' sizes=' + loaded.map(function (i) { return i.naturalWidth + 'x' + i.naturalHeight; }).join(',')
                      + ' markup=' + document.getElementsByTagName('t-shirt').length
                      + ' text=' + (document.body.textContent.indexOf('<T-shirt & top>') >= 0);
                  document.body.appendChild(result);
                });
                </script>
                """;
        Path page = folder.resolve("checked-report.html");
        Files.writeString(page, html.replace("</body>", check + "</body>"), StandardCharsets.UTF_8);

        Path profile = Files.createDirectories(folder.resolve("profile"));
        Path dom = folder.resolve("dom.html");
        Process process =
                new ProcessBuilder(
                                chromium.get().toString(),
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-dev-shm-usage",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--user-data-dir=" + profile,
                                "--virtual-time-budget=10000",
                                "--dump-dom",
                                page.toUri().toString())
                        .redirectOutput(dom.toFile())
                        .redirectError(folder.resolve("chromium.log").toFile())
                        .start();
        if (!process.waitFor(BROWSER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("chromium did not finish within " + BROWSER_TIMEOUT_SECONDS + " seconds");
        }
        String rendered = Files.readString(dom, StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as(Files.readString(folder.resolve("chromium.log")))
                .isZero();
        Matcher result = Pattern.compile("<p id=\"render-check\">([^<]*)</p>").matcher(rendered);
        assertThat(result.find())
                .as(rendered.length() > 2000 ? rendered.substring(0, 2000) : rendered)
                .isTrue();
        assertThat(result.group(1))
                .isEqualTo(
                        "images=3 loaded=3 sizes="
                                + String.join(",", images(html))
                                + " markup=0 text=true");
    }

    /** Chromium on the PATH, else Debian's /usr/bin/chromium. */
    private static Optional<Path> chromium() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(
                        Stream.of(path.split(java.io.File.pathSeparator))
                                .filter(entry -> !entry.isEmpty())
                                .map(entry -> Path.of(entry, "chromium")),
                        Stream.of(Path.of("/usr/bin/chromium")))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
