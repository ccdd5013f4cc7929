package dev.classify.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes pictures as PNG files, atomically. */
public final class Png {
    private Png() {}

    /**
     * Encodes {@code image} as a PNG into {@code file}, replacing it once complete and creating its
     * folder when absent.
     *
     * @throws IOException when the file cannot be written; {@code file} is then left as it was
     */
    public static void write(Path file, BufferedImage image) throws IOException {
        AtomicFiles.writeBytes(
                file,
                out -> {
                    if (!ImageIO.write(image, "png", out)) {
                        throw new IOException("no PNG writer");
                    }
                });
    }
}
