package dev.classify.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A seeded random partition of image indices into a training part and a validation hold-out.
 *
 * @param train indices trained on, ascending
 * @param validation indices held out, ascending
 */
public record HoldOutSplit(int[] train, int[] validation) {

    /**
     * Draws {@code holdOut} of the indices 0..size-1 uniformly at random (Fisher-Yates with a
     * {@link SplittableRandom} seeded by {@code seed}); the same arguments give the same split.
     *
     * @throws IllegalArgumentException unless 0 <= holdOut < size
     */
    public static HoldOutSplit of(int size, int holdOut, long seed) {
        if (holdOut < 0 || holdOut >= size) {
            throw new IllegalArgumentException(
                    "hold-out must be in [0, " + size + "), got " + holdOut);
        }
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < holdOut; i++) {
            int j = i + random.nextInt(size - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] validation = Arrays.copyOfRange(order, 0, holdOut);
        int[] train = Arrays.copyOfRange(order, holdOut, size);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new HoldOutSplit(train, validation);
    }

    /**
     * Draws {@code holdOut} of the indices 0..labels.length-1 so that each class gives its share:
     * class k with n_k images gives holdOut * n_k / N, rounded by largest remainder (ties to the
     * lower class) so that the shares add up to {@code holdOut}, and no class gives all its images
     * while another can give one more. Within each class the images are drawn as {@link #of} draws
     * them, with a generator split from one seeded by {@code seed} in class order; the same
     * arguments give the same split.
     *
     * @param labels the class index of every image, each in 0..K-1
     * @throws IllegalArgumentException unless 0 <= holdOut < labels.length
     */
    public static HoldOutSplit stratified(int[] labels, int holdOut, long seed) {
        int size = labels.length;
        if (holdOut < 0 || holdOut >= size) {
            throw new IllegalArgumentException(
                    "hold-out must be in [0, " + size + "), got " + holdOut);
        }
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        List<List<Integer>> members = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < size; i++) {
            members.get(labels[i]).add(i);
        }
        int[] shares = shares(members, holdOut, size);
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] held = new boolean[size];
        for (int k = 0; k < classes; k++) {
            List<Integer> indices = members.get(k);
            SplittableRandom classRandom = random.split();
            int[] order = indices.stream().mapToInt(Integer::intValue).toArray();
            for (int i = 0; i < shares[k]; i++) {
                int j = i + classRandom.nextInt(order.length - i);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
                held[order[i]] = true;
            }
        }
        return of(held);
    }

    /**
     * How many images each class (its {@code members}) gives to the hold-out: by largest remainder,
     * first to classes that keep a training image.
     */
    private static int[] shares(List<List<Integer>> members, int holdOut, int size) {
        int classes = members.size();
        int[] shares = new int[classes];
        double[] remainders = new double[classes];
        int given = 0;
        for (int k = 0; k < classes; k++) {
            double exact = (double) holdOut * members.get(k).size() / size;
            shares[k] = (int) Math.floor(exact);
            remainders[k] = exact - shares[k];
            given += shares[k];
        }
        Integer[] byRemainder =
                IntStream.range(0, classes)
                        .boxed()
                        .sorted(
                                Comparator.comparingDouble((Integer k) -> -remainders[k])
                                        .thenComparingInt(k -> k))
                        .toArray(Integer[]::new);
        // First to classes that keep a training image, then (only if unavoidable) to any.
        for (boolean keepOne : new boolean[] {true, false}) {
            for (int round = 0; given < holdOut && round < size; round++) {
                boolean progress = false;
                for (int k : byRemainder) {
                    int limit = members.get(k).size() - (keepOne ? 1 : 0);
                    if (given < holdOut && shares[k] < limit) {
                        shares[k]++;
                        given++;
                        progress = true;
                    }
                }
                if (!progress) {
                    break;
                }
            }
        }
        return shares;
    }

    /**
     * Holds out exactly the images marked in {@code held}.
     *
     * @throws IllegalArgumentException when every image is held out
     */
    public static HoldOutSplit of(boolean[] held) {
        int[] validation = IntStream.range(0, held.length).filter(i -> held[i]).toArray();
        int[] train = IntStream.range(0, held.length).filter(i -> !held[i]).toArray();
        if (train.length == 0) {
            throw new IllegalArgumentException("the hold-out leaves no training image");
        }
        return new HoldOutSplit(train, validation);
    }
}
