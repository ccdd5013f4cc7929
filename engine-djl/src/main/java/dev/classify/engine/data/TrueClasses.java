package dev.classify.engine.data;

import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates the labels of a labelled image set into a model's class indices, by class name: the
 * labels file numbers its classes by itself (names sorted, or integers), which need not be the
 * model's numbering when the file lacks some classes.
 */
public final class TrueClasses {
    private static final int LISTED = 20;

    private TrueClasses() {}

    /**
     * Returns the model's class index of every image's label, in order.
     *
     * @param images a labelled image set
     * @param labels the labels file, named in errors
     * @param modelClassNames the model's class names, indexed by class
     * @throws InvalidDataException when a label is not one of the model's classes
     */
    public static int[] of(ImageSet images, Path labels, List<String> modelClassNames) {
        if (!images.hasLabels()) {
            throw new InvalidDataException(labels, "holds no labels; give id,label rows");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < modelClassNames.size(); k++) {
            index.putIfAbsent(modelClassNames.get(k), k);
        }
        List<String> names = images.classNames();
        int[] classes = new int[images.size()];
        for (int i = 0; i < classes.length; i++) {
            String name = names.get(images.label(i));
            Integer k = index.get(name);
            if (k == null) {
                throw new InvalidDataException(
                        labels,
                        "image "
                                + images.id(i)
                                + " has label '"
                                + name
                                + "', which is not a class of the model; its classes are "
                                + listed(modelClassNames)
                                + "; give labels of the classes the model was trained on");
            }
            classes[i] = k;
        }
        return classes;
    }

    private static String listed(List<String> names) {
        if (names.size() <= LISTED) {
            return names.toString();
        }
        return names.subList(0, LISTED).toString().replace("]", ", ... (" + names.size() + ")]");
    }
}
