package dev.classify.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

final class ImagePixelsTest {
    /** A 2x1 image: an orange pixel, then a gray one. */
    private static BufferedImage colour() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x80FF8000);
        image.setRGB(1, 0, 0xFF404040);
        return image;
    }

    @Test
    void colourToRgbIsChannelMajorAndIgnoresAlpha() {
        float[] pixels = new float[6];
        ImagePixels.copy(colour(), 3, pixels, 0);

        assertThat(pixels).containsExactly(1f, 64 / 255f, 128 / 255f, 64 / 255f, 0f, 64 / 255f);
    }

    @Test
    void colourToGrayIsRoundedBt601Luma() {
        float[] pixels = new float[3];
        ImagePixels.copy(colour(), 1, pixels, 1);

        // 0.299 * 255 + 0.587 * 128 + 0.114 * 0 = 151.381
        assertThat(pixels).containsExactly(0f, 151 / 255f, 64 / 255f);
    }

    @Test
    void grayIsReadAsStoredAtItsBitDepth() {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        gray.getRaster().setSample(0, 0, 0, 65535);
        gray.getRaster().setSample(1, 0, 0, 13107);
        float[] one = new float[2];
        float[] three = new float[6];
        ImagePixels.copy(gray, 1, one, 0);
        ImagePixels.copy(gray, 3, three, 0);

        assertThat(one).containsExactly(1f, 0.2f);
        assertThat(three).containsExactly(1f, 0.2f, 1f, 0.2f, 1f, 0.2f);
    }

    @Test
    void otherChannelCountsHaveNoImageForm() {
        assertThatThrownBy(() -> ImagePixels.copy(colour(), 4, new float[8], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("classify float[] pixels instead");
    }
}
