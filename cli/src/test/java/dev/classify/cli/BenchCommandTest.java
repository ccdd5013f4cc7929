package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classify bench} with a few tiny steps of the simple CNN on both engines. */
final class BenchCommandTest {
    private static final Path DATA =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();

    @TempDir Path folder;

    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "bench";
        System.arraycopy(args, 0, command, 1, args.length);
        return Main.run(new PrintWriter(err, true), command);
    }

    @Test
    void appendsOneJsonLineOfPositiveNumbersPerRun() throws IOException {
        Path output = folder.resolve("results").resolve("bench.jsonl");
        for (String engine : List.of("PyTorch", "MXNet")) {
            assertThat(
                            bench(
                                    "--model",
                                    "simple-cnn",
                                    "--batch-size",
                                    "16",
                                    "--steps",
                                    "2",
                                    "--warmup",
                                    "1",
                                    "--engine",
                                    engine,
                                    "--device",
                                    "cpu",
                                    "--images",
                                    DATA.resolve("train.npy").toString(),
                                    "--labels",
                                    DATA.resolve("train.csv").toString(),
                                    "--output",
                                    output.toString()))
                    .as(err.toString())
                    .isZero();
        }

        List<String> lines = Files.readAllLines(output);
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 2; i++) {
            JsonNode line = json.readTree(lines.get(i));
            for (String key :
                    List.of(
                            "compute_images_per_second",
                            "pipeline_images_per_second",
                            "pipeline_efficiency",
                            "inference_images_per_second",
                            "peak_rss_mb")) {
                assertThat(line.get(key).isNumber()).as(key).isTrue();
                assertThat(line.get(key).asDouble()).as(key).isPositive();
            }
            assertThat(line.get("model").asText()).isEqualTo("simple-cnn");
            assertThat(line.get("batch_size").asInt()).isEqualTo(16);
            assertThat(line.get("engine").asText()).isEqualTo(i == 0 ? "PyTorch" : "MXNet");
            assertThat(line.get("djl_version").asText()).isEqualTo("0.36.0");
            assertThat(line.get("java_version").asText()).isNotBlank();
            assertThat(line.get("threads").asText()).isNotBlank();
            assertThat(line.get("runtime").asText()).contains("device: cpu()");
        }
    }

    @Test
    void refusesBadCountsAndAModelItDoesNotKnow() {
        assertThat(bench("--steps", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--steps must be at least 1, got 0");
        assertThat(bench("--batch-size", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--batch-size must be at least 1, got 0");
        assertThat(
                        bench(
                                "--model",
                                "vit",
                                "--images",
                                DATA.resolve("train.npy").toString(),
                                "--labels",
                                DATA.resolve("train.csv").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("model.type: unknown model 'vit'");
    }
}
