package dev.classify.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each op of TrivialAugment and RandAugment alone, on real Fashion-MNIST images. */
final class AugmentOpTest {
    private static final int SIZE = TestImages.SIZE;
    private static final int PIXELS = SIZE * SIZE;

    /** The four images as RGB: (p, 0.6 p, 0.3 p) with a blue background of 0.2. */
    private static NDArray colour(NDManager manager) {
        NDArray gray = TestImages.fourClasses(manager);
        return gray.concat(gray.mul(0.6f), 1).concat(gray.mul(0.3f).add(0.2f), 1).clip(0, 1);
    }

    @ParameterizedTest
    @EnumSource(AugmentOp.class)
    void keepsTheShapeAndThePixelRangeAtEveryStrengthAndSign(AugmentOp op) {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (NDArray batch : new NDArray[] {TestImages.fourClasses(manager), colour(manager)}) {
                for (AugmentSpace space :
                        new AugmentSpace[] {AugmentSpace.WIDE, AugmentSpace.RAND}) {
                    for (int bin : new int[] {0, 9, 30}) {
                        float magnitude = space.magnitude(op, bin, 31, SIZE, SIZE);
                        for (float signed : new float[] {magnitude, -magnitude}) {
                            NDArray result = op.apply(batch, signed);
                            assertThat(result.getShape()).isEqualTo(batch.getShape());
                            assertInUnitRange(
                                    result.toFloatArray(),
                                    op + " " + space + " bin " + bin + " magnitude " + signed);
                        }
                    }
                }
            }
        }
    }

    /** Asserts that every value is in [0, 1] (so none is NaN). */
    static void assertInUnitRange(float[] values, String description) {
        for (int i = 0; i < values.length; i++) {
            assertThat(values[i]).as("%s, value %d", description, i).isBetween(0f, 1f);
        }
    }

    @Test
    void magnitudesFollowTorchvisionsBins() {
        AugmentSpace wide = AugmentSpace.WIDE;
        assertThat(wide.magnitude(AugmentOp.SHEAR_X, 30, 31, 28, 28)).isEqualTo(0.99f);
        assertThat(wide.magnitude(AugmentOp.ROTATE, 15, 31, 28, 28)).isEqualTo(67.5f);
        assertThat(wide.magnitude(AugmentOp.TRANSLATE_Y, 30, 31, 28, 28)).isEqualTo(32f);
        assertThat(wide.magnitude(AugmentOp.POSTERIZE, 0, 31, 28, 28)).isEqualTo(8f);
        assertThat(wide.magnitude(AugmentOp.POSTERIZE, 15, 31, 28, 28)).isEqualTo(5f);
        assertThat(wide.magnitude(AugmentOp.POSTERIZE, 30, 31, 28, 28)).isEqualTo(2f);
        assertThat(wide.magnitude(AugmentOp.SOLARIZE, 0, 31, 28, 28)).isEqualTo(255f);
        assertThat(wide.magnitude(AugmentOp.SOLARIZE, 30, 31, 28, 28)).isEqualTo(0f);
        AugmentSpace rand = AugmentSpace.RAND;
        assertThat(rand.magnitude(AugmentOp.ROTATE, 9, 31, 28, 28)).isEqualTo(9f);
        assertThat(rand.magnitude(AugmentOp.BRIGHTNESS, 9, 31, 28, 28))
                .isCloseTo(0.27f, within(1e-6f));
        assertThat(rand.magnitude(AugmentOp.TRANSLATE_X, 30, 31, 28, 56))
                .isCloseTo(150f / 331 * 56, within(1e-4f));
        assertThat(rand.magnitude(AugmentOp.POSTERIZE, 30, 31, 28, 28)).isEqualTo(4f);
        assertThat(rand.magnitude(AugmentOp.EQUALIZE, 30, 31, 28, 28)).isZero();
    }

    @Test
    void identityReturnsTheBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = TestImages.fourClasses(manager);
            assertThat(AugmentOp.IDENTITY.apply(batch, 5f)).isSameAs(batch);
        }
    }

    @Test
    void translationsShiftByWholePixelsAndFillWithZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] in = TestImages.fourClasses(manager).toFloatArray();
            float[] right =
                    AugmentOp.TRANSLATE_X
                            .apply(TestImages.fourClasses(manager), 3.7f)
                            .toFloatArray();
            float[] up =
                    AugmentOp.TRANSLATE_Y
                            .apply(TestImages.fourClasses(manager), -2f)
                            .toFloatArray();
            for (int n = 0; n < 4; n++) {
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        int at = n * PIXELS + y * SIZE + x;
                        assertThat(right[at]).isEqualTo(x < 3 ? 0 : in[at - 3]);
                        assertThat(up[at]).isEqualTo(y >= SIZE - 2 ? 0 : in[at + 2 * SIZE]);
                    }
                }
            }
        }
    }

    @Test
    void shearXReadsTheNearestPixelAlongTheRow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] in = TestImages.fourClasses(manager).toFloatArray();
            float m = -0.3f;
            float[] out =
                    AugmentOp.SHEAR_X.apply(TestImages.fourClasses(manager), m).toFloatArray();
            float[] down =
                    AugmentOp.SHEAR_Y.apply(TestImages.fourClasses(manager), m).toFloatArray();
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    int source = (int) Math.floor(x + m * (y + 0.5) + 0.5);
                    float expected = source < 0 || source >= SIZE ? 0 : in[y * SIZE + source];
                    assertThat(out[y * SIZE + x]).as("(%d, %d)", x, y).isEqualTo(expected);
                    int sourceY = (int) Math.floor(y + m * (x + 0.5) + 0.5);
                    float expectedY = sourceY < 0 || sourceY >= SIZE ? 0 : in[sourceY * SIZE + x];
                    assertThat(down[y * SIZE + x]).as("(%d, %d)", x, y).isEqualTo(expectedY);
                }
            }
        }
    }

    @Test
    void rotateByNinetyDegreesTurnsCounterClockwise() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] in = TestImages.fourClasses(manager).toFloatArray();
            float[] out =
                    AugmentOp.ROTATE.apply(TestImages.fourClasses(manager), 90f).toFloatArray();
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    // the top-right corner moves to the top-left
                    assertThat(out[y * SIZE + x]).isEqualTo(in[x * SIZE + SIZE - 1 - y]);
                }
            }
        }
    }

    @Test
    void brightnessContrastAndColorBlendByOnePlusTheMagnitude() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray rgb = colour(manager);
            float[] in = rgb.toFloatArray();
            float[] darker = AugmentOp.BRIGHTNESS.apply(rgb, -0.5f).toFloatArray();
            for (int i = 0; i < in.length; i++) {
                assertThat(darker[i]).isCloseTo(in[i] * 0.5f, within(1e-6f));
            }
            float[] gray = AugmentOp.COLOR.apply(rgb, -1f).toFloatArray();
            float[] flat = AugmentOp.CONTRAST.apply(rgb, -1f).toFloatArray();
            for (int p = 0; p < PIXELS; p++) {
                float expected =
                        0.2989f * in[p] + 0.587f * in[PIXELS + p] + 0.114f * in[2 * PIXELS + p];
                for (int c = 0; c < 3; c++) {
                    assertThat(gray[c * PIXELS + p]).isCloseTo(expected, within(1e-5f));
                    assertThat(flat[c * PIXELS + p]).isCloseTo(flat[0], within(1e-5f));
                }
            }
            NDArray oneChannel = TestImages.fourClasses(manager);
            assertThat(AugmentOp.COLOR.apply(oneChannel, 0.9f)).isSameAs(oneChannel);
        }
    }

    @Test
    void sharpnessBlendsWithTheSmoothedInteriorAndKeepsTheBorder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] in = TestImages.fourClasses(manager).toFloatArray();
            float[] out =
                    AugmentOp.SHARPNESS.apply(TestImages.fourClasses(manager), -1f).toFloatArray();
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    int at = y * SIZE + x;
                    if (y == 0 || x == 0 || y == SIZE - 1 || x == SIZE - 1) {
                        assertThat(out[at]).isEqualTo(in[at]);
                        continue;
                    }
                    double sum = 4 * in[at];
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            sum += in[at + dy * SIZE + dx];
                        }
                    }
                    assertThat(out[at]).isCloseTo((float) (sum / 13), within(1e-5f));
                }
            }
        }
    }

    @Test
    void posterizeKeepsTheTopBitsAndSolarizeInvertsFromTheThreshold() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] in = TestImages.fourClasses(manager).toFloatArray();
            float[] fourBits =
                    AugmentOp.POSTERIZE.apply(TestImages.fourClasses(manager), 4f).toFloatArray();
            float[] solarized =
                    AugmentOp.SOLARIZE.apply(TestImages.fourClasses(manager), 128f).toFloatArray();
            for (int i = 0; i < in.length; i++) {
                int value = Math.round(in[i] * 255);
                assertThat(fourBits[i]).isCloseTo((value & 0xF0) / 255f, within(1e-6f));
                float expected = value >= 128 ? 1 - in[i] : in[i];
                assertThat(solarized[i]).isCloseTo(expected, within(1e-6f));
            }
        }
    }

    @Test
    void autoContrastStretchesEachChannelAndLeavesAFlatOneAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray dim = TestImages.fourClasses(manager).mul(0.5f).add(0.1f);
            NDArray flat = manager.full(new Shape(1, 1, SIZE, SIZE), 0.4f);
            NDArray batch = dim.concat(flat, 0);
            float[] in = batch.toFloatArray();
            float[] out = AugmentOp.AUTO_CONTRAST.apply(batch, 0f).toFloatArray();
            for (int n = 0; n < 4; n++) {
                float min = 1;
                float max = 0;
                for (int p = 0; p < PIXELS; p++) {
                    min = Math.min(min, in[n * PIXELS + p]);
                    max = Math.max(max, in[n * PIXELS + p]);
                }
                for (int p = 0; p < PIXELS; p++) {
                    float expected = (in[n * PIXELS + p] - min) / (max - min);
                    assertThat(out[n * PIXELS + p]).isCloseTo(expected, within(1e-5f));
                }
            }
            for (int p = 0; p < PIXELS; p++) {
                assertThat(out[4 * PIXELS + p]).isEqualTo(0.4f);
            }
        }
    }

    @Test
    void equalizeMapsLevelsThroughTheCumulativeHistogram() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 392 pixels at 0, 391 at 100, 1 at 200: step (784 - 1) / 255 = 3, so 0 -> 0,
            // 100 -> (392 + 1) / 3 = 131, 200 -> 784 / 3 = 261 -> 255
            float[] pixels = new float[PIXELS];
            for (int p = 392; p < PIXELS - 1; p++) {
                pixels[p] = 100 / 255f;
            }
            pixels[PIXELS - 1] = 200 / 255f;
            NDArray image = manager.create(pixels, new Shape(1, 1, SIZE, SIZE));
            float[] out = AugmentOp.EQUALIZE.apply(image, 0f).toFloatArray();
            assertThat(out[0]).isZero();
            assertThat(out[500]).isEqualTo(131 / 255f);
            assertThat(out[PIXELS - 1]).isEqualTo(1f);

            // too few pixels below the brightest level to spread: unchanged
            NDArray sparse = manager.create(new float[] {0, 0.5f, 1, 1}, new Shape(1, 1, 2, 2));
            assertThat(AugmentOp.EQUALIZE.apply(sparse, 0f).toFloatArray())
                    .containsExactly(0, 0.5f, 1, 1);
        }
    }
}
