package dev.classify.engine.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The dataset type of a source that does not name one, from its images path: {@code folder} for a
 * folder or an image file ({@code .png .jpg .jpeg .bmp .gif}), {@code idx} for MNIST-style names
 * containing {@code -ubyte}, otherwise {@code npy}.
 */
public final class DatasetTypes {
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private DatasetTypes() {}

    /** Returns the type for {@code images}, which need not exist. */
    public static String infer(Path images) {
        Path name = images.getFileName();
        if (Files.isDirectory(images) || name == null) {
            return "folder";
        }
        String text = name.toString().toLowerCase(Locale.ROOT);
        int dot = text.lastIndexOf('.');
        if (dot > 0 && IMAGE_EXTENSIONS.contains(text.substring(dot + 1))) {
            return "folder";
        }
        if (text.contains("-ubyte")) {
            return "idx";
        }
        return "npy";
    }

    /**
     * Returns the type for the images of a source with or without a labels file: as {@link
     * #infer(Path)}, except that a missing path without an extension and without labels is taken
     * for a mistyped folder of class folders, so that the folder plugin says it is not found rather
     * than npy asking for a labels file.
     */
    public static String infer(Path images, boolean hasLabels) {
        Path name = images.getFileName();
        if (!hasLabels
                && name != null
                && name.toString().indexOf('.') < 0
                && !Files.exists(images)) {
            return "folder";
        }
        return infer(images);
    }
}
