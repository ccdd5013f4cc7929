package dev.classify.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.engine.config.ValidationConfig;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class HoldOutSplitTest {

    @Test
    void holdsOutTheRequestedNumberOfImages() {
        HoldOutSplit split = HoldOutSplit.of(100, 30, 42);

        assertThat(split.validation()).hasSize(30);
        assertThat(split.train()).hasSize(70);
    }

    @Test
    void partitionsEveryIndexExactlyOnce() {
        HoldOutSplit split = HoldOutSplit.of(1000, 250, 7);

        assertThat(split.train()).doesNotContain(split.validation());
        int[] union = IntStream.concat(stream(split.train()), stream(split.validation())).toArray();
        assertThat(union).containsExactlyInAnyOrder(IntStream.range(0, 1000).toArray());
    }

    @Test
    void bothPartsAreAscending() {
        HoldOutSplit split = HoldOutSplit.of(500, 100, 3);

        assertThat(split.train()).isSorted();
        assertThat(split.validation()).isSorted();
    }

    @Test
    void theSameSeedDrawsTheSameSplit() {
        HoldOutSplit first = HoldOutSplit.of(6000, 1000, 42);
        HoldOutSplit second = HoldOutSplit.of(6000, 1000, 42);

        assertThat(second.validation()).isEqualTo(first.validation());
        assertThat(second.train()).isEqualTo(first.train());
    }

    @Test
    void anotherSeedDrawsAnotherSplit() {
        HoldOutSplit first = HoldOutSplit.of(6000, 1000, 42);
        HoldOutSplit second = HoldOutSplit.of(6000, 1000, 43);

        assertThat(second.validation()).isNotEqualTo(first.validation());
        // Both are random draws: they overlap by about 1000 * 1000/6000, far from all of them.
        long common =
                stream(second.validation()).filter(i -> contains(first.validation(), i)).count();
        assertThat(common).isBetween(100L, 250L);
    }

    @Test
    void theHoldOutIsSpreadOverTheIndices() {
        HoldOutSplit split = HoldOutSplit.of(6000, 1000, 42);

        // Not the first or last images: a uniform draw has about 500 below the middle.
        long firstHalf = stream(split.validation()).filter(i -> i < 3000).count();
        assertThat(firstHalf).isBetween(420L, 580L);
    }

    @Test
    void aHoldOutOfZeroTrainsOnEverything() {
        HoldOutSplit split = HoldOutSplit.of(10, 0, 42);

        assertThat(split.validation()).isEmpty();
        assertThat(split.train()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void rejectsAHoldOutLeavingNoTrainingImage() {
        assertThatThrownBy(() -> HoldOutSplit.of(10, 10, 42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hold-out must be in [0, 10), got 10");
        assertThatThrownBy(() -> HoldOutSplit.of(10, -1, 42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got -1");
        assertThatThrownBy(() -> HoldOutSplit.of(0, 0, 42))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validationSizeIsTakenAsGiven() {
        assertThat(new ValidationConfig(1000, null, null).holdOutSize(6000)).isEqualTo(1000);
        assertThat(new ValidationConfig(0, null, null).holdOutSize(6000)).isZero();
    }

    @Test
    void validationFractionIsRounded() {
        assertThat(new ValidationConfig(null, 0.25, null).holdOutSize(100)).isEqualTo(25);
        assertThat(new ValidationConfig(null, 0.1, null).holdOutSize(15)).isEqualTo(2);
        assertThat(new ValidationConfig(null, 0.0, null).holdOutSize(15)).isZero();
    }

    @Test
    void validationDefaultsToATenth() {
        ValidationConfig defaults = new ValidationConfig(null, null, null);

        assertThat(defaults.holdOutSize(6000)).isEqualTo(600);
        assertThat(defaults.seed()).isEqualTo(42L);
    }

    @Test
    void validationRejectsASizeLeavingNoTrainingImage() {
        assertThatThrownBy(() -> new ValidationConfig(100, null, null).holdOutSize(100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hold-out of 100 images leaves no training image out of 100");
    }

    @Test
    void stratifiedHoldsOutEachClassInProportion() {
        // 600 of class 0, 300 of class 1, 90 of class 2, 10 of class 3.
        int[] labels = new int[1000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 100 < 60 ? 0 : i % 100 < 90 ? 1 : i % 100 < 99 ? 2 : 3;
        }
        HoldOutSplit split = HoldOutSplit.stratified(labels, 100, 42);

        assertThat(split.validation()).hasSize(100).isSorted();
        assertThat(split.train()).hasSize(900).isSorted();
        int[] counts = new int[4];
        for (int index : split.validation()) {
            counts[labels[index]]++;
        }
        assertThat(counts).containsExactly(60, 30, 9, 1);
        int[] union = IntStream.concat(stream(split.train()), stream(split.validation())).toArray();
        assertThat(union).containsExactlyInAnyOrder(IntStream.range(0, 1000).toArray());
    }

    @Test
    void stratifiedSharesAddUpByLargestRemainderAndKeepATrainingImagePerClass() {
        // Classes of 5, 3 and 2 images; 5 held out: exact shares 2.5, 1.5, 1.0.
        int[] labels = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2};
        int[] counts = new int[3];
        for (int index : HoldOutSplit.stratified(labels, 5, 1).validation()) {
            counts[labels[index]]++;
        }
        assertThat(counts).containsExactly(3, 1, 1);

        // A class of one image keeps it while other classes can give more.
        int[] rare = {0, 0, 0, 0, 1};
        HoldOutSplit split = HoldOutSplit.stratified(rare, 3, 1);
        assertThat(split.train()).contains(4);
    }

    @Test
    void stratifiedIsSeeded() {
        int[] labels = IntStream.range(0, 2000).map(i -> i % 7).toArray();
        assertThat(HoldOutSplit.stratified(labels, 300, 42).validation())
                .isEqualTo(HoldOutSplit.stratified(labels, 300, 42).validation())
                .isNotEqualTo(HoldOutSplit.stratified(labels, 300, 43).validation());
    }

    @Test
    void aMarkedHoldOutMustLeaveATrainingImage() {
        HoldOutSplit split = HoldOutSplit.of(new boolean[] {true, false, true});
        assertThat(split.validation()).containsExactly(0, 2);
        assertThat(split.train()).containsExactly(1);
        assertThatThrownBy(() -> HoldOutSplit.of(new boolean[] {true, true}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validationKindsExcludeEachOther() {
        dev.classify.api.Problems problems = new dev.classify.api.Problems();
        new ValidationConfig(100, null, null, true, "holdout.csv", null)
                .validate("data.validation", problems);
        new ValidationConfig(
                        null,
                        0.1,
                        null,
                        null,
                        null,
                        new dev.classify.engine.config.SourceConfig(
                                null, "val.npy", "val.csv", null))
                .validate("data.validation", problems);
        assertThat(problems.messages())
                .containsExactly(
                        "data.validation.ids: holds out the images a file lists; remove size,"
                                + " fraction and stratified, which draw a hold-out at random, or"
                                + " remove ids",
                        "data.validation.images: gives validation files of their own; remove"
                                + " size, fraction and stratified, which draw a hold-out from"
                                + " data.train, or remove images");
        assertThat(new ValidationConfig(null, null, null).stratified()).isFalse();
    }

    private static IntStream stream(int[] values) {
        return Arrays.stream(values);
    }

    private static boolean contains(int[] sorted, int value) {
        return Arrays.binarySearch(sorted, value) >= 0;
    }
}
