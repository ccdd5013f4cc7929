package dev.classify.datasets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.DataSource;
import dev.classify.api.Options;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.IIOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding failures that are not the file's fault. */
final class DecodedImageTest {
    private static final byte[] MAGIC = "HEAP".getBytes(StandardCharsets.US_ASCII);

    @TempDir Path folder;

    @Test
    void anOutOfMemoryWhileDecodingIsNotReportedAsACorruptImage() throws IOException {
        // The JDK's PNG reader wraps every throwable, an OutOfMemoryError too, into an
        // IIOException("Caught exception during read"); this reader does the same.
        OutOfMemoryReaderSpi spi = new OutOfMemoryReaderSpi();
        IIORegistry.getDefaultInstance().registerServiceProvider(spi);
        try {
            // Longer than the PNG signature, which the PNG reader checks first.
            Path image = Files.write(folder.resolve("photo.png"), Arrays.copyOf(MAGIC, 64));

            assertThatThrownBy(
                            () ->
                                    new FolderDatasetProvider()
                                            .open(
                                                    new DataSource(
                                                            image,
                                                            Optional.empty(),
                                                            new Options("data.train", Map.of()))))
                    .isInstanceOf(OutOfMemoryError.class);
        } finally {
            IIORegistry.getDefaultInstance().deregisterServiceProvider(spi);
        }
    }

    /** Recognises files starting with {@link #MAGIC}; its reader runs out of memory. */
    private static final class OutOfMemoryReaderSpi extends ImageReaderSpi {
        OutOfMemoryReaderSpi() {
            super(
                    "classify tests",
                    "1",
                    new String[] {"heap-test"},
                    new String[] {"heap-test"},
                    new String[] {"image/x-heap-test"},
                    OutOfMemoryReader.class.getName(),
                    new Class<?>[] {ImageInputStream.class},
                    null,
                    false,
                    null,
                    null,
                    null,
                    null,
                    false,
                    null,
                    null,
                    null,
                    null);
        }

        @Override
        public boolean canDecodeInput(Object source) throws IOException {
            if (!(source instanceof ImageInputStream input)) {
                return false;
            }
            byte[] prefix = new byte[MAGIC.length];
            input.mark();
            try {
                input.readFully(prefix);
            } catch (IOException e) {
                return false;
            } finally {
                input.reset();
            }
            return Arrays.equals(prefix, MAGIC);
        }

        @Override
        public ImageReader createReaderInstance(Object extension) {
            return new OutOfMemoryReader(this);
        }

        @Override
        public String getDescription(Locale locale) {
            return "a reader that runs out of memory";
        }
    }

    private static final class OutOfMemoryReader extends ImageReader {
        OutOfMemoryReader(ImageReaderSpi spi) {
            super(spi);
        }

        @Override
        public int getNumImages(boolean allowSearch) {
            return 1;
        }

        @Override
        public int getWidth(int imageIndex) {
            return 4;
        }

        @Override
        public int getHeight(int imageIndex) {
            return 4;
        }

        @Override
        public java.util.Iterator<ImageTypeSpecifier> getImageTypes(int imageIndex) {
            return java.util.List.of(
                            ImageTypeSpecifier.createFromBufferedImageType(
                                    BufferedImage.TYPE_BYTE_GRAY))
                    .iterator();
        }

        @Override
        public IIOMetadata getStreamMetadata() {
            return null;
        }

        @Override
        public IIOMetadata getImageMetadata(int imageIndex) {
            return null;
        }

        @Override
        public BufferedImage read(int imageIndex, ImageReadParam param) throws IIOException {
            throw new IIOException(
                    "Caught exception during read: ", new OutOfMemoryError("Java heap space"));
        }
    }
}
