package dev.classify.engine.train;

import dev.classify.api.EpochMetrics;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.runtime.OfflineDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints the resident memory (VmRSS) after every epoch of a real training run, to check that native
 * and heap memory stay flat from epoch to epoch. Not a test: run it with a configuration and
 * overrides, e.g.
 *
 * <pre>
 * java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -cp ... dev.classify.engine.MemoryBenchmark \
 *     configs/fashion-mnist-simple-cnn.yaml train.epochs=10 data.test=null
 * </pre>
 *
 * A fixed, pre-touched heap keeps the JVM's own growth out of the numbers: without it, G1 touches
 * and returns heap pages from epoch to epoch, and resident memory after epoch 10 was 1.078 (default
 * heap) or 1.519 (fixed heap, not pre-touched) times that after epoch 2 for the simple CNN, against
 * 1.021 with it; the small-stem ResNet-18 of the earlier configs/fashion-fast-cpu.yaml gave 1.006
 * with the default heap.
 */
public final class MemoryBenchmark {
    private MemoryBenchmark() {}

    /** Runs the training that {@code args[0]} and the overrides after it describe. */
    public static void main(String[] args) throws IOException {
        OfflineDefaults.apply();
        PluginCatalog catalog = Classify.forClassPath().catalog();
        List<String> overrides = Arrays.asList(args).subList(1, args.length);
        PipelineConfig config = new ConfigurationLoader(catalog).load(Path.of(args[0]), overrides);
        Classify pipeline = Classify.forClassPath();
        Path run = Files.createTempDirectory("memory-benchmark");
        List<Long> rss = new ArrayList<>();
        pipeline.train(
                pipeline.prepare(config),
                run,
                new RunListener() {
                    @Override
                    public void epochFinished(EpochMetrics metrics, int epochs, boolean best) {
                        long kilobytes = residentKilobytes();
                        rss.add(kilobytes);
                        System.out.printf(
                                "epoch %d  rss %d MB  heap used %d MB  val acc %.4f  %.0f img/s%n",
                                metrics.epoch(),
                                kilobytes / 1024,
                                (Runtime.getRuntime().totalMemory()
                                                - Runtime.getRuntime().freeMemory())
                                        / (1024 * 1024),
                                metrics.validationAccuracy(),
                                metrics.imagesPerSecond());
                    }
                });
        if (rss.size() >= 10) {
            System.out.printf(
                    "rss after epoch 10 / after epoch 2: %.3f%n", rss.get(9) / (double) rss.get(1));
        }
    }

    private static long residentKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return -1;
    }
}
