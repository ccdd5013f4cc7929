package dev.classify.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classify.api.EpochMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RunReportTest {
    private static final String AWKWARD = "<T-shirt & top>";

    @TempDir Path folder;

    /**
     * Writes a model description of the simple CNN on 1x28x28 images into {@code run}/model, with
     * every field training writes.
     */
    static void describe(Path run, List<String> classNames, Map<String, Object> options)
            throws IOException {
        Path model = Files.createDirectories(run.resolve(RunFiles.MODEL));
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("format", 1);
        description.put("engine", "MXNet");
        description.put("modelType", "simple-cnn");
        description.put("modelOptions", options);
        description.put("imageShape", new int[] {1, 28, 28});
        description.put("inputShape", new int[] {1, 28, 28});
        description.put("classNames", classNames);
        description.put("eval", List.of());
        new ObjectMapper()
                .writeValue(model.resolve(RunFiles.MODEL_DESCRIPTION).toFile(), description);
    }

    /** A run folder as training writes it, with an evaluation over real small images. */
    private Path completeRun() throws IOException {
        List<EpochMetrics> epochs =
                List.of(
                        new EpochMetrics(1, 0.01, 0.98, 0.64, 0.68, 0.75, 2.0, 2500),
                        new EpochMetrics(2, 0.01, 0.56, 0.79, 0.58, 0.79, 1.5, 3500));
        Path run =
                RunFolderTest.run(
                        folder.resolve("run & <co>"), epochs.toArray(EpochMetrics[]::new));
        CurvesChart.write(run.resolve("curves.png"), epochs);
        List<String> classes = List.of(AWKWARD, "Trouser");
        describe(run, classes, Map.of());
        Files.writeString(
                run.resolve("config.yaml"),
                "model:\n  type: simple-cnn\n# </pre><script>alert('x')</script>\n");
        SmallImages images = new SmallImages(1, 28, new int[] {0, 0, 1, 1}, classes);
        EvaluationReport.write(
                run.resolve("evaluation"),
                images,
                new int[] {0, 0, 1, 1},
                new int[] {0, 1, 1, 0},
                classes);
        return run;
    }

    @Test
    void embedsEveryPictureAndEscapesAllText() throws IOException {
        Path run = completeRun();
        Path file = run.resolve(RunFiles.REPORT);

        RunReport.write(RunFolder.read(run), OptionalLong.of(21840), file);
        String html = Files.readString(file, StandardCharsets.UTF_8);

        assertThat(
                        Pattern.compile("<img src=\"data:image/png;base64,[A-Za-z0-9+/=]+\"")
                                .matcher(html)
                                .results())
                .hasSize(3);
        assertThat(html)
                .contains("<title>classify report: run &amp; &lt;co&gt;</title>")
                .contains("<td>&lt;T-shirt &amp; top&gt;</td>")
                .contains("&lt;/pre&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("21,840 (trainable)")
                .contains("<tr class=\"best\"><td>2</td>")
                .contains("width=\"1280\" height=\"420\"")
                .doesNotContain(AWKWARD)
                .doesNotContain("<script")
                .doesNotContain("http:")
                .doesNotContain("https:")
                .doesNotContain("missing\"");
    }

    @Test
    void saysWhatIsMissingInsteadOfFailing() throws IOException {
        Path run =
                RunFolderTest.run(
                        folder.resolve("bare"),
                        new EpochMetrics(1, 0.1, 0.9, 0.6, Double.NaN, Double.NaN, 2, 10));

        String html = RunReport.html(RunFolder.read(run), OptionalLong.empty());

        assertThat(html)
                .doesNotContain("<img")
                .contains("No curves.png in this run.")
                .contains(
                        "No evaluation: the run has no evaluation/ folder (it was trained without")
                .contains("Trained without a hold-out: no validation metrics")
                .doesNotContain("<th>val loss</th>")
                .contains("No configuration: config.yaml is missing or unreadable.")
                .contains("no validation metrics: trained without a hold-out")
                .contains("<th>parameters</th><td>unknown</td>")
                .contains("config.yaml: not found");
    }

    @Test
    void aBrokenPictureIsNamedNotEmbedded() throws IOException {
        Path run = completeRun();
        Files.writeString(run.resolve("curves.png"), "not a picture");

        String html = RunReport.html(RunFolder.read(run), OptionalLong.empty());

        assertThat(html).contains("curves.png is not a PNG picture.");
        assertThat(html.split("<img ", -1)).hasSize(3);
    }

    @Test
    void opensAndClosesEveryElement() throws IOException {
        String complete = RunReport.html(RunFolder.read(completeRun()), OptionalLong.of(1));
        Path bare =
                RunFolderTest.run(
                        folder.resolve("bare"),
                        new EpochMetrics(1, 0.1, 0.9, 0.6, Double.NaN, Double.NaN, 2, 10));
        String missing = RunReport.html(RunFolder.read(bare), OptionalLong.empty());

        for (String html : List.of(complete, missing)) {
            for (String tag :
                    List.of(
                            "html", "head", "body", "section", "div", "table", "tr", "figure", "p",
                            "pre", "ul", "li")) {
                assertThat(count(html, "<" + tag + "[ >]"))
                        .as(tag)
                        .isEqualTo(count(html, "</" + tag + ">"));
            }
        }
        assertThat(count(complete, "<div class=\"side-by-side\">")).isOne();
    }

    private static long count(String html, String regex) {
        return Pattern.compile(regex).matcher(html).results().count();
    }

    @Test
    void theTemplateEscapesTheFiveHtmlCharacters() throws IOException {
        Path run =
                RunFolderTest.run(
                        folder.resolve("five"),
                        new EpochMetrics(1, 0.1, 0.9, 0.6, Double.NaN, Double.NaN, 2, 10));
        describe(run, List.of("a<b>&\"c'", "d"), Map.of());

        String html = RunReport.html(RunFolder.read(run), OptionalLong.empty());

        assertThat(html)
                .contains("<th>classes</th><td>2: a&lt;b&gt;&amp;&quot;c&#39;, d</td>")
                .doesNotContain("a<b>");
    }
}
