package dev.classify.datasets;

import dev.classify.api.DataSource;
import dev.classify.api.ImageSet;
import dev.classify.api.Options;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Measures how long {@link NpyDatasetProvider#open} takes for one {@code .npy} file with CSV
 * labels. Not a test; run by hand:
 *
 * <pre>
 * java -cp datasets/target/classes:datasets/target/test-classes:&lt;dependencies&gt; \
 *     dev.classify.datasets.NpyLoadBenchmark train.npy train.csv [loads]
 * </pre>
 */
public final class NpyLoadBenchmark {
    private NpyLoadBenchmark() {}

    /**
     * Times the first load, then loads the files {@code loads} times (default 20) after 2 more
     * warm-up loads, and prints the milliseconds per load.
     *
     * @param args the {@code .npy} path, the CSV path and optionally the number of loads
     */
    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: NpyLoadBenchmark <images.npy> <labels.csv> [loads]");
            System.exit(2);
        }
        DataSource source = source(Path.of(args[0]), Path.of(args[1]));
        int loads = args.length == 3 ? Integer.parseInt(args[2]) : 20;
        NpyDatasetProvider provider = new NpyDatasetProvider();
        // The first load, in a fresh JVM, is what a training run pays.
        long coldStart = System.nanoTime();
        ImageSet set = provider.open(source);
        long cold = System.nanoTime() - coldStart;
        for (int i = 0; i < 2; i++) {
            set = provider.open(source(source.images(), source.labels().orElseThrow()));
        }
        long total = 0;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < loads; i++) {
            long start = System.nanoTime();
            set = provider.open(source(source.images(), source.labels().orElseThrow()));
            long elapsed = System.nanoTime() - start;
            total += elapsed;
            best = Math.min(best, elapsed);
        }
        System.out.printf(
                "%s: %d x %d x %d x %d, %d classes; first load %.1f ms; then %d loads: mean %.1f ms,"
                        + " best %.1f ms per load (images + labels)%n",
                args[0],
                set.size(),
                set.channels(),
                set.height(),
                set.width(),
                set.classNames().size(),
                cold / 1e6,
                loads,
                total / 1e6 / loads,
                best / 1e6);
    }

    private static DataSource source(Path images, Path labels) {
        return new DataSource(images, Optional.of(labels), new Options("benchmark", Map.of()));
    }
}
