package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A folder made immutable with {@code chattr +i} while open: nobody, root included, can create,
 * rename or delete its entries. Tests run as root, who ignores permission bits, so {@code chmod}
 * cannot make a folder read-only for them. Skips the test, saying so, where {@code chattr} is
 * missing or the file system does not support it.
 */
final class ImmutableFolder implements AutoCloseable {
    private final Path folder;

    private ImmutableFolder(Path folder) {
        this.folder = folder;
    }

    /** Makes {@code folder} immutable, or skips the test. */
    static ImmutableFolder of(Path folder) throws IOException, InterruptedException {
        Assumptions.assumeTrue(
                chattr("+i", folder),
                "chattr +i is not available here: cannot make a folder read-only for root");
        return new ImmutableFolder(folder);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        assertThat(chattr("-i", folder)).as("chattr -i " + folder).isTrue();
    }

    private static boolean chattr(String change, Path folder)
            throws IOException, InterruptedException {
        Process process;
        try {
            process =
                    new ProcessBuilder("chattr", change, folder.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
        } catch (IOException e) {
            return false;
        }
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
