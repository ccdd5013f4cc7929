package dev.classify.engine.model;

import static java.util.Objects.requireNonNull;

import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.plugin.PluginCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several trained models that predict as one: each image's class probabilities are the mean of the
 * members' (each averaged over its own test-time augmentation views), every member weighing the
 * same. Models trained apart, e.g. with other seeds, err on different images, so their mean is
 * usually more accurate than any one of them (Hansen and Salamon 1990, "Neural network ensembles").
 * The members must know the same classes in the same order and take images of the same shape; they
 * may differ in architecture and engine. Holds the members' native memory until closed. Not thread
 * safe: use one instance per thread.
 */
public final class ModelEnsemble implements AutoCloseable {
    private final List<SavedModel> members;

    private ModelEnsemble(List<SavedModel> members) {
        this.members = List.copyOf(members);
    }

    /**
     * Loads the models in {@code paths} (model or run folders, see {@link SavedModel#load(Path,
     * PluginCatalog, String)}); one path gives an ensemble of one, which predicts as that model.
     *
     * @param engineName the engine to predict with, or {@code null} for the one that trained each
     * @throws IllegalArgumentException when {@code paths} is empty
     * @throws InvalidDataException when a folder holds no model or a broken one, or a model's
     *     classes or image shape differ from the first model's (naming that model's folder)
     */
    public static ModelEnsemble load(List<Path> paths, PluginCatalog catalog, String engineName) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one model");
        }
        List<SavedModel> loaded = new ArrayList<>(paths.size());
        try {
            for (Path path : paths) {
                loaded.add(SavedModel.load(path, catalog, engineName));
            }
            ModelDescription first = loaded.get(0).description();
            for (int i = 1; i < loaded.size(); i++) {
                checkAgrees(paths.get(0), first, paths.get(i), loaded.get(i).description());
            }
            return new ModelEnsemble(loaded);
        } catch (RuntimeException e) {
            loaded.forEach(SavedModel::close);
            throw e;
        }
    }

    /** Refuses a member whose classes or image shape differ from the first member's. */
    private static void checkAgrees(
            Path firstPath, ModelDescription first, Path path, ModelDescription other) {
        if (!other.classNames().equals(first.classNames())) {
            throw new InvalidDataException(
                    path,
                    "the model's classes "
                            + other.classNames()
                            + " differ from "
                            + first.classNames()
                            + " of "
                            + firstPath
                            + "; an ensemble needs models of the same classes in the same order");
        }
        if (!Arrays.equals(other.imageShape(), first.imageShape())) {
            throw new InvalidDataException(
                    path,
                    "the model takes "
                            + SavedModel.format(other.imageShape())
                            + " images but "
                            + firstPath
                            + " takes "
                            + SavedModel.format(first.imageShape())
                            + "; an ensemble needs models of the same input");
        }
    }

    /** Returns the members, in the order they were given; owned by this ensemble. */
    public List<SavedModel> members() {
        return members;
    }

    /**
     * Returns each member's test-time views as trained ({@link SavedModel#trainedViews()}), in the
     * members' order: the views {@link #probabilities} takes to predict as {@code classify predict}
     * does without {@code --tta}.
     */
    public List<TestTimeAugmentation> trainedViews() {
        return members.stream().map(SavedModel::trainedViews).toList();
    }

    /** Returns the first member's description: the classes and image shape all members share. */
    public ModelDescription description() {
        return members.get(0).description();
    }

    /**
     * Returns the class probabilities of every image, in order: row i is the mean over the members
     * of their softmax probabilities (see {@link SavedModel#probabilities(ImageSet, Path, int,
     * TestTimeAugmentation)}), one value in [0, 1] per class, summing to 1.
     *
     * @param images images of the shape the models were trained on
     * @param batchSize images per forward pass, at least 1
     * @param views the test-time augmentation views of each member, in the members' order
     * @throws IllegalArgumentException when {@code views} does not have one entry per member
     * @throws InvalidDataException when the images' shape differs from the training images'
     */
    public float[][] probabilities(
            ImageSet images, Path source, int batchSize, List<TestTimeAugmentation> views) {
        requireNonNull(views, "views is null");
        if (views.size() != members.size()) {
            throw new IllegalArgumentException(
                    views.size() + " views for " + members.size() + " models");
        }
        float[][] mean = members.get(0).probabilities(images, source, batchSize, views.get(0));
        for (int m = 1; m < members.size(); m++) {
            float[][] member =
                    members.get(m).probabilities(images, source, batchSize, views.get(m));
            for (int i = 0; i < mean.length; i++) {
                for (int c = 0; c < mean[i].length; c++) {
                    mean[i][c] += member[i][c];
                }
            }
        }
        if (members.size() > 1) {
            for (float[] row : mean) {
                for (int c = 0; c < row.length; c++) {
                    row[c] /= members.size();
                }
            }
        }
        return mean;
    }

    /**
     * Predicts the class index of every image, in order: the most probable class of {@link
     * #probabilities} (ties: the lower index).
     */
    public int[] predict(
            ImageSet images, Path source, int batchSize, List<TestTimeAugmentation> views) {
        return SavedModel.mostLikely(probabilities(images, source, batchSize, views));
    }

    @Override
    public void close() {
        members.forEach(SavedModel::close);
    }
}
