package dev.classify.datasets;

import dev.classify.api.DataSource;
import dev.classify.api.ImageSet;
import dev.classify.api.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Converts a labelled {@code .npy} + CSV set into PNG class folders (once; skipped when the folder
 * exists) and measures how long {@link FolderDatasetProvider#open} takes to read them in a fresh
 * JVM. Not a test; run by hand:
 *
 * <pre>
 * java -cp datasets/target/classes:datasets/target/test-classes:&lt;dependencies&gt; \
 *     dev.classify.datasets.FolderLoadBenchmark train.npy train.csv /tmp/train-png [test.npy /tmp/test-png]
 * </pre>
 *
 * <p>The class folders are named {@code class-0} .. {@code class-9}; a second {@code .npy} is
 * written as a flat folder of {@code <row>.png} files, for prediction.
 */
public final class FolderLoadBenchmark {
    private FolderLoadBenchmark() {}

    /**
     * Converts if needed, then times the first load and 2 further loads.
     *
     * @param args the {@code .npy} path, the CSV path, the folder to write and read, and optionally
     *     a test {@code .npy} and its flat folder
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3 && args.length != 5) {
            System.err.println(
                    "usage: FolderLoadBenchmark <images.npy> <labels.csv> <folder>"
                            + " [<test.npy> <test-folder>]");
            System.exit(2);
        }
        Path folder = Path.of(args[2]);
        if (!Files.exists(folder)) {
            ImageSet set =
                    new NpyDatasetProvider()
                            .open(
                                    new DataSource(
                                            Path.of(args[0]),
                                            Optional.of(Path.of(args[1])),
                                            new Options("benchmark", Map.of())));
            long start = System.nanoTime();
            write(set, folder, true);
            if (args.length == 5) {
                ImageSet test =
                        new NpyDatasetProvider()
                                .open(
                                        new DataSource(
                                                Path.of(args[3]),
                                                Optional.empty(),
                                                new Options("benchmark", Map.of())));
                write(test, Path.of(args[4]), false);
            }
            System.out.printf("converted in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
        FolderDatasetProvider provider = new FolderDatasetProvider();
        DataSource source =
                new DataSource(folder, Optional.empty(), new Options("bench", Map.of()));
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            ImageSet set = provider.open(source);
            System.out.printf(
                    "%s load %d: %d x %d x %d x %d, %d classes in %.0f ms (%d cores)%n",
                    folder,
                    i + 1,
                    set.size(),
                    set.channels(),
                    set.height(),
                    set.width(),
                    set.classNames().size(),
                    (System.nanoTime() - start) / 1e6,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static void write(ImageSet set, Path folder, boolean classes) {
        IntStream.range(0, set.size())
                .parallel()
                .forEach(
                        i -> {
                            Path file =
                                    classes
                                            ? folder.resolve(
                                                            "class-"
                                                                    + set.classNames()
                                                                            .get(set.label(i)))
                                                    .resolve(i + ".png")
                                            : folder.resolve(i + ".png");
                            ImageFileWriter.write(
                                    file,
                                    ImageFileWriter.gray(
                                            ImageFileWriter.grayPixels(set, i),
                                            set.height(),
                                            set.width()));
                        });
    }
}
