package dev.classify.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TestTimeAugmentationTest {

    @Test
    void readsAListOfViews() {
        assertThat(TestTimeAugmentation.parse("flip")).isEqualTo(TestTimeAugmentation.FLIP);
        assertThat(TestTimeAugmentation.parse("flip, shift2"))
                .isEqualTo(new TestTimeAugmentation(true, false, true));
        assertThat(TestTimeAugmentation.parse("shift,shift2").views()).isEqualTo(9);
        assertThat(TestTimeAugmentation.NONE.views()).isEqualTo(1);
        assertThatThrownBy(() -> TestTimeAugmentation.parse("flip,rotate"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown view 'rotate' in 'flip,rotate'; known: [flip, shift, shift2]");
        assertThatThrownBy(() -> TestTimeAugmentation.parse("flip,"))
                .hasMessageContaining("unknown view ''");
    }

    @Test
    void shiftsRepeatTheBorderIntoTheUncoveredPixels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // one image of 2 rows by 3 columns: 0 1 2 / 3 4 5
            NDArray image = manager.arange(0f, 6f, 1f).reshape(1, 1, 2, 3);
            assertThat(TestTimeAugmentation.shifted(image, 3, 1).toFloatArray())
                    .containsExactly(0, 0, 1, 3, 3, 4);
            assertThat(TestTimeAugmentation.shifted(image, 3, -2).toFloatArray())
                    .containsExactly(2, 2, 2, 5, 5, 5);
            assertThat(TestTimeAugmentation.shifted(image, 2, 1).toFloatArray())
                    .containsExactly(0, 1, 2, 0, 1, 2);
            assertThat(TestTimeAugmentation.shifted(image, 2, -2).toFloatArray())
                    .containsExactly(3, 4, 5, 3, 4, 5);
            assertThat(TestTimeAugmentation.shifted(image, 3, 3).toFloatArray())
                    .containsExactly(0, 0, 0, 3, 3, 3);
        }
    }

    @Test
    void makesTheViewsInOrderMirrorThenRightLeftDownUp() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = manager.arange(0f, 9f, 1f).reshape(1, 1, 3, 3);
            List<NDArray> views = TestTimeAugmentation.parse("shift,flip").extraViews(image);
            assertThat(views).hasSize(5);
            assertThat(views.get(0).toFloatArray()).containsExactly(2, 1, 0, 5, 4, 3, 8, 7, 6);
            assertThat(views.get(1).toFloatArray()).containsExactly(0, 0, 1, 3, 3, 4, 6, 6, 7);
            assertThat(views.get(4).toFloatArray()).containsExactly(3, 4, 5, 6, 7, 8, 6, 7, 8);
            assertThat(views.get(4).getShape()).isEqualTo(new Shape(1, 1, 3, 3));
            assertThat(TestTimeAugmentation.NONE.extraViews(image)).isEmpty();
        }
    }
}
