package dev.classify.engine.data;

import static java.util.Objects.requireNonNull;

import dev.classify.api.ConfigurationException;
import dev.classify.api.ImageSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Training on part of a labelled set: the images of some classes ({@code data.train.classes}),
 * numbered 0..K-1 in the set's order and named as there, and at most N training images of each
 * class ({@code data.train.perClass}). Thread safe.
 */
public final class ClassSelection {
    private ClassSelection() {}

    /**
     * The images of {@code labelled} whose class is named in {@code classes} (integer labels are
     * named by their numbers).
     *
     * @throws ConfigurationException at {@code data.train.classes} for a class the labels lack
     */
    public static ImageSet select(ImageSet labelled, List<String> classes) {
        requireNonNull(labelled, "labelled is null");
        List<String> names = labelled.classNames();
        List<String> unknown = classes.stream().filter(c -> !names.contains(c)).toList();
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(
                    "data.train.classes",
                    "names "
                            + unknown
                            + ", which the labels lack; the labels' classes are "
                            + names);
        }
        int[] newLabel = new int[names.size()];
        Arrays.fill(newLabel, -1);
        List<String> kept = new ArrayList<>();
        for (int label = 0; label < names.size(); label++) {
            if (classes.contains(names.get(label))) {
                newLabel[label] = kept.size();
                kept.add(names.get(label));
            }
        }
        int[] indices =
                IntStream.range(0, labelled.size())
                        .filter(i -> newLabel[labelled.label(i)] >= 0)
                        .toArray();
        if (indices.length == 0) {
            throw new ConfigurationException(
                    "data.train.classes", "selects no image; name classes the labels have");
        }
        return new ImageSubset(labelled, indices, newLabel, kept);
    }

    /**
     * {@code split} with at most {@code perClass} training images of each class ({@code
     * data.train.perClass}), drawn with {@code seed}; the hold-out stays as it is.
     */
    public static HoldOutSplit perClass(
            ImageSet images, HoldOutSplit split, int perClass, long seed) {
        int[] train = split.train();
        int[] order = IntStream.range(0, train.length).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] taken = new int[images.classNames().size()];
        boolean[] keep = new boolean[train.length];
        for (int position : order) {
            int label = images.label(train[position]);
            if (taken[label] < perClass) {
                taken[label]++;
                keep[position] = true;
            }
        }
        int[] kept =
                IntStream.range(0, train.length).filter(i -> keep[i]).map(i -> train[i]).toArray();
        return new HoldOutSplit(kept, split.validation());
    }
}
