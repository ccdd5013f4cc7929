package dev.classify.engine.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the first images of the committed quick-start training set ({@code
 * examples/fashion-mnist-small/train.npy}, uint8 (6000, 28, 28), and its {@code train.csv}) as a
 * smaller {@code train.npy} + {@code train.csv} pair, for tests that train several times.
 */
public final class FixtureSubset {
    static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final int HEADER = 128;
    private static final int IMAGE = 28 * 28;

    private FixtureSubset() {}

    /** Writes the first {@code count} (1000 to 6000) images and labels into {@code folder}. */
    public static void write(Path folder, int count) throws IOException {
        Path source = EXAMPLES.resolve("fashion-mnist-small");
        byte[] npy = Files.readAllBytes(source.resolve("train.npy"));
        String header = new String(npy, 0, HEADER, StandardCharsets.ISO_8859_1);
        if (!header.contains("'shape': (6000, 28, 28)") || count < 1000 || count > 6000) {
            throw new IllegalStateException("unexpected fixture or count: " + header.trim());
        }
        byte[] head =
                header.replace("(6000, 28, 28)", "(" + count + ", 28, 28)")
                        .getBytes(StandardCharsets.ISO_8859_1);
        byte[] subset = Arrays.copyOf(head, HEADER + count * IMAGE);
        System.arraycopy(npy, HEADER, subset, HEADER, count * IMAGE);
        Files.write(folder.resolve("train.npy"), subset);
        List<String> rows = Files.readAllLines(source.resolve("train.csv"));
        Files.write(folder.resolve("train.csv"), rows.subList(0, count + 1));
    }
}
