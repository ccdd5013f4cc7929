package dev.classify.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

final class EvaluationTest {
    private static final double EXACT = 1e-12;

    // a: 2 right, 1 taken for b; b: 1 right, 1 taken for c; c: 1 right. d is never seen.
    private static final Evaluation SMALL =
            Evaluation.of(
                    new int[] {0, 0, 0, 1, 1, 2},
                    new int[] {0, 0, 1, 1, 2, 2},
                    List.of("a", "b", "c", "d"));

    @Test
    void countsTrueClassesInRowsAndPredictedClassesInColumns() {
        assertThat(SMALL.classNames()).containsExactly("a", "b", "c");
        assertThat(SMALL.classIndices()).containsExactly(0, 1, 2);
        assertThat(SMALL.confusion()).isDeepEqualTo(new int[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}});
        assertThat(SMALL.total()).isEqualTo(6);
        assertThat(SMALL.correct()).isEqualTo(4);
        assertThat(SMALL.accuracy()).isCloseTo(4.0 / 6, within(EXACT));
    }

    @Test
    void computesPrecisionRecallAndF1PerClass() {
        assertThat(SMALL.precision(0)).isCloseTo(1.0, within(EXACT));
        assertThat(SMALL.precision(1)).isCloseTo(0.5, within(EXACT));
        assertThat(SMALL.precision(2)).isCloseTo(0.5, within(EXACT));
        assertThat(SMALL.recall(0)).isCloseTo(2.0 / 3, within(EXACT));
        assertThat(SMALL.recall(1)).isCloseTo(0.5, within(EXACT));
        assertThat(SMALL.recall(2)).isCloseTo(1.0, within(EXACT));
        assertThat(SMALL.f1(0)).isCloseTo(0.8, within(EXACT));
        assertThat(SMALL.f1(1)).isCloseTo(0.5, within(EXACT));
        assertThat(SMALL.f1(2)).isCloseTo(2.0 / 3, within(EXACT));
        assertThat(SMALL.support(0)).isEqualTo(3);
        assertThat(SMALL.support(2)).isEqualTo(1);
    }

    @Test
    void averagesTheClassScoresForMacroAverages() {
        assertThat(SMALL.macroPrecision()).isCloseTo(2.0 / 3, within(EXACT));
        assertThat(SMALL.macroRecall()).isCloseTo(13.0 / 18, within(EXACT));
        assertThat(SMALL.macroF1()).isCloseTo(59.0 / 90, within(EXACT));
    }

    @Test
    void scoresAClassNeverPredictedOrNeverTrueAsZero() {
        // "b" is never predicted; "c" is predicted but never true.
        Evaluation evaluation =
                Evaluation.of(new int[] {0, 1}, new int[] {0, 2}, List.of("a", "b", "c"));

        assertThat(evaluation.precision(1)).isZero();
        assertThat(evaluation.recall(1)).isZero();
        assertThat(evaluation.f1(1)).isZero();
        assertThat(evaluation.recall(2)).isZero();
        assertThat(evaluation.support(2)).isZero();
        assertThat(evaluation.macroRecall()).isCloseTo(1.0 / 3, within(EXACT));
    }

    @Test
    void printsAccuracyAndOneAlignedLinePerClass() {
        assertThat(SMALL.table())
                .isEqualTo(
                        String.format(
                                "accuracy 0.6667 (4 of 6 images)%n"
                                        + "class      precision  recall      f1  support%n"
                                        + "a             1.0000  0.6667  0.8000        3%n"
                                        + "b             0.5000  0.5000  0.5000        2%n"
                                        + "c             0.5000  1.0000  0.6667        1%n"
                                        + "macro avg     0.6667  0.7222  0.6556        6%n"));
    }

    @Test
    void rejectsMismatchedOrOutOfRangeIndices() {
        assertThatThrownBy(() -> Evaluation.of(new int[] {0}, new int[] {0, 1}, List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 labels but 2 predictions");
        assertThatThrownBy(() -> Evaluation.of(new int[] {2}, new int[] {0}, List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class index 2 outside 0..1");
    }
}
