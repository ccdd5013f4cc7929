package dev.classify.datasets;

import dev.classify.api.InvalidDataException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The most memory one input file may take once decoded: a quarter of the Java heap's maximum
 * ({@link Runtime#maxMemory()}), leaving the rest for the other sets, the batches and the engine's
 * own copies.
 *
 * <p>Readers compare what a file declares (a {@code .npy} header's shape, an IDX header's
 * dimensions, an image header's width and height) with it before they inflate or decode anything,
 * so that a small file declaring gigabytes (a zip or gzip bomb, a 20000x20000 PNG of one colour) is
 * refused in milliseconds instead of filling the heap. Stateless and thread safe.
 */
final class MemoryBudget {
    private static final long GB = 1L << 30;
    private static final long MB = 1L << 20;

    private MemoryBudget() {}

    /** The most bytes one decoded input may take. */
    static long maxBytes() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    /**
     * Refuses {@code file} when {@code bytes}, what it declares it needs in memory, exceed {@link
     * #maxBytes()}.
     *
     * @param what what the file is or declares, e.g. {@code "declares shape (2000000000,) of |u1"}
     * @throws InvalidDataException naming the file, what it declares, the bytes and the limit
     */
    static void check(Path file, String what, long bytes) {
        long limit = maxBytes();
        if (bytes <= limit) {
            return;
        }
        // Four times the need: the limit is a quarter of the heap.
        long heapGb = Math.max(1, (4 * bytes + GB - 1) / GB);
        throw new InvalidDataException(
                file,
                what
                        + ", "
                        + size(bytes)
                        + " in memory, more than the "
                        + size(limit)
                        + " one input may take (a quarter of the Java heap, "
                        + size(Runtime.getRuntime().maxMemory())
                        + "); check that the file is what it should be, or give Java more memory,"
                        + " e.g. JAVA_TOOL_OPTIONS=-Xmx"
                        + heapGb
                        + "g");
    }

    /** {@code bytes} in MiB below a GiB, else in GiB with one decimal. */
    static String size(long bytes) {
        return bytes < GB
                ? (bytes + MB - 1) / MB + " MiB"
                : String.format(Locale.ROOT, "%.1f GiB", (double) bytes / GB);
    }
}
