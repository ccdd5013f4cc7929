package dev.classify.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Test-time augmentation: the views of each image whose class probabilities prediction averages
 * with the image's own, each view weighing the same. {@code flip} adds the left-right mirror;
 * {@code shift} the image moved by one pixel right, left, down and up; {@code shift2} the same by
 * two pixels. A shifted image repeats its border row or column into the uncovered pixels (so the
 * fill does not depend on the normalization). Views are made from the batch after the evaluation
 * augmentation, as NCHW float32 arrays.
 *
 * @param flip whether the left-right mirror is a view
 * @param shift whether the four one-pixel shifts are views
 * @param shift2 whether the four two-pixel shifts are views
 */
public record TestTimeAugmentation(boolean flip, boolean shift, boolean shift2) {
    /** No test-time augmentation: the image alone. */
    public static final TestTimeAugmentation NONE = new TestTimeAugmentation(false, false, false);

    /** The image and its left-right mirror, what a bare {@code --tta} asks for. */
    public static final TestTimeAugmentation FLIP = new TestTimeAugmentation(true, false, false);

    private static final Set<String> NAMES = new TreeSet<>(List.of("flip", "shift", "shift2"));

    /**
     * Reads a comma-separated list of view names such as {@code flip,shift2}.
     *
     * @throws IllegalArgumentException naming an unknown or empty name and the known ones
     */
    public static TestTimeAugmentation parse(String list) {
        boolean flip = false;
        boolean shift = false;
        boolean shift2 = false;
        for (String part : list.split(",", -1)) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "flip" -> flip = true;
                case "shift" -> shift = true;
                case "shift2" -> shift2 = true;
                default ->
                        throw new IllegalArgumentException(
                                "unknown view '"
                                        + part.trim()
                                        + "' in '"
                                        + list
                                        + "'; known: "
                                        + NAMES);
            }
        }
        return new TestTimeAugmentation(flip, shift, shift2);
    }

    /**
     * Returns the views {@code names} lists, e.g. {@code [flip, shift]} ({@code augment.tta}); none
     * for an empty list.
     *
     * @throws IllegalArgumentException naming an unknown name and the known ones
     */
    public static TestTimeAugmentation of(List<String> names) {
        return names.isEmpty() ? NONE : parse(String.join(",", names));
    }

    /** The number of views averaged, the image itself included. */
    public int views() {
        return 1 + (flip ? 1 : 0) + (shift ? 4 : 0) + (shift2 ? 4 : 0);
    }

    /**
     * Returns the softmax class probabilities of {@code batch}'s images averaged with those of
     * their views, each weighing the same.
     *
     * @param batch float32 (N, C, H, W) after the evaluation augmentation; not closed or modified
     * @param forward the network's logits (N, K) for a batch of that shape
     * @return (N, K), attached to {@code batch}'s manager
     */
    public NDArray probabilities(NDArray batch, UnaryOperator<NDArray> forward) {
        NDArray probability = forward.apply(batch).softmax(1);
        if (views() > 1) {
            for (NDArray view : extraViews(batch)) {
                probability = probability.add(forward.apply(view).softmax(1));
            }
            probability = probability.div((float) views());
        }
        return probability;
    }

    /**
     * Returns the views of {@code batch} other than itself, in the order mirror, then for each
     * shift distance right, left, down, up.
     *
     * @param batch float32 (N, C, H, W); not closed or modified
     * @return arrays of its shape, attached to {@code batch}'s manager
     */
    public List<NDArray> extraViews(NDArray batch) {
        List<NDArray> views = new ArrayList<>();
        if (flip) {
            views.add(batch.flip(3));
        }
        for (int distance = 1; distance <= 2; distance++) {
            if (distance == 1 ? shift : shift2) {
                views.add(shifted(batch, 3, distance));
                views.add(shifted(batch, 3, -distance));
                views.add(shifted(batch, 2, distance));
                views.add(shifted(batch, 2, -distance));
            }
        }
        return views;
    }

    /**
     * Moves the images {@code distance} pixels along {@code axis} (positive: towards higher
     * indices), repeating the border row or column into the uncovered pixels. Images narrower than
     * the distance become their border repeated.
     */
    static NDArray shifted(NDArray batch, int axis, int distance) {
        long extent = batch.getShape().get(axis);
        int moved = (int) Math.min(Math.abs(distance), extent);
        String prefix = axis == 3 ? ":, :, :, " : ":, :, ";
        NDList parts = new NDList(2);
        if (moved == extent) {
            String border = distance > 0 ? "0:1" : (extent - 1) + ":";
            return batch.get(new NDIndex(prefix + border)).repeat(axis, moved);
        }
        if (distance > 0) {
            parts.add(batch.get(new NDIndex(prefix + "0:1")).repeat(axis, moved));
            parts.add(batch.get(new NDIndex(prefix + "0:" + (extent - moved))));
        } else {
            parts.add(batch.get(new NDIndex(prefix + moved + ":")));
            parts.add(batch.get(new NDIndex(prefix + (extent - 1) + ":")).repeat(axis, moved));
        }
        return NDArrays.concat(parts, axis);
    }
}
