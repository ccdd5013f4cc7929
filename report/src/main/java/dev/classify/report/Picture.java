package dev.classify.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * A PNG of the run folder as the report embeds it (a {@code data:} URI with its size), or the
 * sentence saying why it cannot: absent, unreadable or not a PNG.
 *
 * @param shown whether the picture is embedded
 * @param file the picture's path relative to the run folder, e.g. {@code evaluation/errors.png}
 * @param caption what the picture shows
 * @param base64 the file's bytes in base 64, empty when not shown
 * @param width the width in pixels from the PNG header, 0 when not shown
 * @param height the height in pixels from the PNG header, 0 when not shown
 * @param missing why the picture is not shown, empty when it is
 */
record Picture(
        boolean shown,
        String file,
        String caption,
        String base64,
        int width,
        int height,
        String missing) {

    private static final byte[] PNG_SIGNATURE = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
    };

    /** Reads the PNG at {@code relative} in {@code run}. */
    static Picture of(RunFolder run, String relative, String caption) {
        Optional<Path> file = run.file(relative);
        if (file.isEmpty()) {
            return missing(relative, caption, "No " + relative + " in this run.");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.get());
        } catch (IOException e) {
            return missing(
                    relative,
                    caption,
                    relative + " is unreadable (" + e.getClass().getSimpleName() + ").");
        }
        if (bytes.length < 24
                || !Arrays.equals(Arrays.copyOf(bytes, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
            return missing(relative, caption, relative + " is not a PNG picture.");
        }
        // The IHDR chunk follows the signature: width and height as big-endian 32-bit integers.
        ByteBuffer header = ByteBuffer.wrap(bytes, 16, 8);
        int width = header.getInt();
        int height = header.getInt();
        return new Picture(
                true,
                relative,
                caption,
                Base64.getEncoder().encodeToString(bytes),
                width,
                height,
                "");
    }

    private static Picture missing(String relative, String caption, String sentence) {
        return new Picture(false, relative, caption, "", 0, 0, sentence);
    }
}
