package dev.classify.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classify.engine.Classify;
import dev.classify.engine.bench.Benchmark;
import dev.classify.engine.bench.BenchmarkResult;
import dev.classify.engine.config.PipelineConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code classify bench}: measures training speed with and without the data path, prediction speed
 * and peak memory, and prints them as one JSON line.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures training, data path and prediction speed.",
            "Times training steps on a batch held in memory (compute) and fed by the data path"
                    + " with the 28x28 recipe's augmentation (pipeline: random crop with padding 4,"
                    + " flip, normalize), prediction as predict does it (batch 256 or fewer), and"
                    + " peak resident memory. Warm-up steps are not counted. Prints the engine,"
                    + " device, threads and versions, then the numbers, and ends with them as one"
                    + " JSON line (also appended to --output FILE)."
        })
final class BenchCommand implements Callable<Integer> {
    @Option(
            names = "--model",
            paramLabel = "TYPE",
            defaultValue = "simple-cnn",
            description = "The model plugin (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--depth", paramLabel = "D", description = "The model's depth option.")
    Integer depth;

    @Option(names = "--stem", paramLabel = "S", description = "The model's stem option.")
    String stem;

    @Option(names = "--width", paramLabel = "W", description = "The model's width option.")
    Double width;

    @Option(
            names = "--batch-size",
            paramLabel = "B",
            defaultValue = "128",
            description = "Training images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--steps",
            paramLabel = "N",
            defaultValue = "50",
            description = "Measured steps of each kind (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "5",
            description =
                    "Steps of each kind run first and not counted (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--engine",
            paramLabel = "NAME",
            defaultValue = "MXNet",
            description = "The DJL engine: MXNet or PyTorch (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(
            names = "--device",
            paramLabel = "DEVICE",
            defaultValue = "auto",
            description =
                    "As train.device: auto, cpu, gpu, gpu:N or gpus (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(
            names = "--images",
            paramLabel = "FILE",
            description =
                    "Training images (default: the committed"
                            + " examples/fashion-mnist-small/train.npy).")
    Path images;

    @Option(
            names = "--labels",
            paramLabel = "FILE",
            description = "Their labels (default: train.csv beside the default images).")
    Path labels;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Overrides a key of the benchmark's configuration (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Appends the JSON line to FILE (created if absent).")
    Path output;

    @Mixin PluginsOption plugins;

    @Override
    public Integer call() throws IOException {
        checkOptions();
        Path folder = Home.directory().resolve("examples").resolve("fashion-mnist-small");
        Path imageFile = images != null ? images : folder.resolve("train.npy");
        Path labelFile = labels != null ? labels : folder.resolve("train.csv");
        if (images == null && !Files.isRegularFile(imageFile)) {
            throw new UsageException(
                    "no --images given and no example images at "
                            + imageFile.toAbsolutePath()
                            + "; give --images and --labels");
        }
        Logging.quiet();
        Classify root = plugins.root();
        PipelineConfig config =
                root.configurationLoader()
                        .parse(
                                Benchmark.configuration(
                                        imageFile, labelFile, batchSize, device, engine),
                                Path.of("").toAbsolutePath(),
                                settings(),
                                Path.of("bench"));
        System.out.println(
                String.format(
                        Locale.ROOT,
                        "bench: %s%s, batch %d, %d steps of each kind after %d warm-up, images %s",
                        config.model().type(),
                        config.model().options().isEmpty() ? "" : " " + config.model().options(),
                        config.train().batchSize(),
                        steps,
                        warmup,
                        imageFile));
        BenchmarkResult result = root.benchmark().run(config, steps, warmup, System.out::println);
        System.out.println(String.format(Locale.ROOT, "peak RSS  %.0f MB", result.peakRssMb()));
        String json = new ObjectMapper().writeValueAsString(line(config, result));
        System.out.println(json);
        if (output != null) {
            append(output, json);
        }
        return 0;
    }

    /** Refuses counts out of range, a folder as --output and --images without --labels. */
    private void checkOptions() {
        if (steps < 1) {
            throw new UsageException("--steps must be at least 1, got " + steps);
        }
        if (batchSize < 1) {
            throw new UsageException("--batch-size must be at least 1, got " + batchSize);
        }
        if (warmup < 0) {
            throw new UsageException("--warmup must be at least 0, got " + warmup);
        }
        if (output != null && Files.isDirectory(output)) {
            throw new UsageException(output + ": is a folder; give a file for --output");
        }
        if ((images == null) != (labels == null)) {
            throw new UsageException("give --images and --labels together");
        }
    }

    /** The overrides: the model options, then --set in order. */
    private List<String> settings() {
        List<String> settings = new ArrayList<>();
        settings.add("model.type=" + model);
        if (depth != null) {
            settings.add("model.depth=" + depth);
        }
        if (stem != null) {
            settings.add("model.stem=" + stem);
        }
        if (width != null) {
            settings.add("model.width=" + width);
        }
        settings.addAll(overrides);
        return settings;
    }

    /** The JSON line: the numbers, then what was measured. */
    private java.util.Map<String, Object> line(PipelineConfig config, BenchmarkResult result) {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("compute_images_per_second", result.computeImagesPerSecond());
        map.put("pipeline_images_per_second", result.pipelineImagesPerSecond());
        map.put("pipeline_efficiency", result.pipelineEfficiency());
        map.put("inference_images_per_second", result.inferenceImagesPerSecond());
        map.put("peak_rss_mb", result.peakRssMb());
        map.put("model", config.model().type());
        map.put("model_options", config.model().options());
        map.put("batch_size", config.train().batchSize());
        map.put("steps", steps);
        map.put("warmup", warmup);
        map.put("images", config.data().train().images());
        map.put("engine", result.engine());
        map.put("engine_version", result.engineVersion());
        map.put("devices", result.devices());
        map.put("threads", result.threads());
        map.put("djl_version", result.djlVersion());
        map.put("java_version", result.javaVersion());
        map.put("runtime", result.runtime());
        return map;
    }

    /** Appends {@code line} by writing a new file beside the old one and moving it over it. */
    private static void append(Path file, String line) throws IOException {
        Path absolute = file.toAbsolutePath();
        CommandInputs.writableFolder(absolute.getParent());
        String before = Files.exists(absolute) ? Files.readString(absolute) : "";
        if (!before.isEmpty() && !before.endsWith("\n")) {
            before += "\n";
        }
        Path temporary =
                Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, before + line + "\n", StandardCharsets.UTF_8);
            Files.move(
                    temporary,
                    absolute,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
