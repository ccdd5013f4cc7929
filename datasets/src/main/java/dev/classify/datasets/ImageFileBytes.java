package dev.classify.datasets;

import static java.util.Objects.requireNonNull;

import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One image file's bytes decoded as the {@code folder} source decodes them for {@code classify
 * predict} with a model's {@code channels} and {@code resize}: for readers that hold the bytes
 * already (a distributed file system's record, an upload) and must give exactly the pixels a folder
 * of the same files gives. Stateless and thread safe.
 */
public final class ImageFileBytes {
    private ImageFileBytes() {}

    /**
     * Decodes {@code bytes} (PNG, JPEG, BMP or GIF) into {@code channels} x {@code height} x {@code
     * width} float32 values in [0, 1], channel-major: converted to the channels (gray repeated, or
     * colour reduced to BT.601 luma) and resized bilinearly when the size differs, each 8-bit value
     * divided by 255, as the {@code folder} source's images are.
     *
     * @param file the file's name: its extension picks the decoder tried first; named in messages
     * @param channels 1 or 3
     * @throws InvalidDataException naming {@code file} when the bytes are not a decodable image or
     *     declare more pixels than may be decoded
     * @throws IllegalArgumentException when {@code channels} is not 1 or 3 or a size not positive
     */
    public static float[] decode(Path file, byte[] bytes, int channels, int height, int width) {
        requireNonNull(file, "file is null");
        requireNonNull(bytes, "bytes is null");
        if ((channels != 1 && channels != 3) || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "expected 1 or 3 channels and a positive size, got "
                            + channels
                            + "x"
                            + height
                            + "x"
                            + width);
        }
        DecodedImage image;
        try {
            image = DecodedImage.decode(bytes, file);
        } catch (IOException e) {
            throw FolderDatasetProvider.undecodable(file, e);
        }
        byte[] pixels = new byte[channels * height * width];
        image.copyTo(pixels, 0, channels, height, width);
        float[] values = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = (pixels[i] & 0xFF) / 255f;
        }
        return values;
    }
}
