package dev.classify.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.InvalidDataException;
import dev.classify.report.SmallImages;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TrueClassesTest {
    private static final List<String> MODEL_CLASSES = List.of("cat", "dog", "bird");

    @Test
    void mapsLabelsToTheModelsClassesByName() {
        // The labels file has only two classes, numbered by itself: bird 0, dog 1.
        SmallImages images = new SmallImages(1, 4, new int[] {0, 1, 1}, List.of("bird", "dog"));

        assertThat(TrueClasses.of(images, Path.of("labels.csv"), MODEL_CLASSES))
                .containsExactly(2, 1, 1);
    }

    @Test
    void rejectsALabelOutsideTheModelsClassesNamingTheLabelsFile() {
        SmallImages images = new SmallImages(1, 4, new int[] {0, 1}, List.of("cat", "fox"));

        assertThatThrownBy(() -> TrueClasses.of(images, Path.of("labels.csv"), MODEL_CLASSES))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("labels.csv: image img-1 has label 'fox'")
                .hasMessageContaining("[cat, dog, bird]");
    }
}
