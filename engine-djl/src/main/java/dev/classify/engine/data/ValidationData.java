package dev.classify.engine.data;

import dev.classify.api.ConfigurationException;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.config.SourceConfig;
import dev.classify.engine.config.ValidationConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The validation images of a run as {@code data.validation} describes them: a seeded hold-out drawn
 * from the training images (stratified or not), the hold-out a {@code holdout.csv} lists, or
 * validation files of their own appended to the training images.
 *
 * @param images the training images, followed by the validation files' images when there are any
 * @param split the training and validation indices into {@code images}
 */
public record ValidationData(ImageSet images, HoldOutSplit split) {

    /**
     * Chooses the validation images.
     *
     * @param train the labelled training images
     * @param opener reads a source, as {@code data.validation}
     * @throws ConfigurationException when the hold-out leaves no training image
     * @throws InvalidDataException when the ids file or the validation files are bad
     */
    public static ValidationData of(
            ImageSet train, ValidationConfig validation, Function<SourceConfig, ImageSet> opener) {
        if (validation.source() != null) {
            JoinedImageSet joined = join(train, validation.source(), opener);
            return new ValidationData(joined, joined.split());
        }
        if (validation.ids() != null) {
            return new ValidationData(train, HoldOutFile.read(Path.of(validation.ids()), train));
        }
        int holdOut;
        try {
            holdOut = validation.holdOutSize(train.size());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(
                    "data.validation", e.getMessage() + "; lower size or fraction");
        }
        HoldOutSplit split =
                validation.stratified()
                        ? HoldOutSplit.stratified(labels(train), holdOut, validation.seed())
                        : HoldOutSplit.of(train.size(), holdOut, validation.seed());
        return new ValidationData(train, split);
    }

    private static int[] labels(ImageSet images) {
        int[] labels = new int[images.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = images.label(i);
        }
        return labels;
    }

    /**
     * Reads {@code data.validation}'s own files and appends them to {@code train}, their labels
     * matched to the training classes by name.
     *
     * @throws InvalidDataException when they have no labels, another shape, or a class the training
     *     labels lack
     */
    private static JoinedImageSet join(
            ImageSet train, SourceConfig source, Function<SourceConfig, ImageSet> opener) {
        ImageSet validation = opener.apply(source);
        Path labels = source.labelsPath();
        if (!validation.hasLabels()) {
            throw new InvalidDataException(
                    labels,
                    "the validation images have no labels; give data.validation.labels, or for"
                            + " type folder one folder of images per class");
        }
        int[] trainShape = {train.channels(), train.height(), train.width()};
        int[] shape = {validation.channels(), validation.height(), validation.width()};
        if (!Arrays.equals(trainShape, shape)) {
            throw new InvalidDataException(
                    Path.of(source.images()),
                    "validation images are "
                            + shape(validation)
                            + " but training images are "
                            + shape(train)
                            + "; give validation images of the training shape");
        }
        List<String> trainNames = train.classNames();
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < trainNames.size(); k++) {
            index.putIfAbsent(trainNames.get(k), k);
        }
        int[] classes = new int[validation.size()];
        for (int i = 0; i < classes.length; i++) {
            String name = validation.classNames().get(validation.label(i));
            Integer k = index.get(name);
            if (k == null) {
                throw new InvalidDataException(
                        labels,
                        "validation image "
                                + validation.id(i)
                                + " has class '"
                                + name
                                + "', which no training image has; the training classes are "
                                + (trainNames.size() <= 20
                                        ? trainNames.toString()
                                        : trainNames.size() + " classes")
                                + "; give validation images of the training classes");
            }
            classes[i] = k;
        }
        return new JoinedImageSet(train, validation, classes);
    }

    private static String shape(ImageSet images) {
        return images.channels() + "x" + images.height() + "x" + images.width();
    }
}
