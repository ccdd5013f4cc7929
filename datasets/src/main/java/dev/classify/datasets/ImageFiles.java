package dev.classify.datasets;

import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The image files of a {@code folder} source, in a fixed order: one image file; a flat folder of
 * images (unlabelled, ids the file names); or a folder of class folders (each image labelled with
 * its folder's class, ids {@code class/file}). Names are sorted by {@link String#compareTo}, so
 * {@code 10.png} comes before {@code 2.png}; classes are numbered in the sorted order of their
 * folder names. Hidden entries (names starting with a dot) and files of other extensions are
 * skipped; only the images directly inside a class folder are read.
 *
 * @param files the image files, in order
 * @param ids the id of each file
 * @param labels the class index of each file, or {@code null} for a flat folder or one file
 * @param classNames the class folder names, sorted; empty without classes
 */
record ImageFiles(List<Path> files, List<String> ids, int[] labels, List<String> classNames) {
    /** The extensions read, lower case; matched case-insensitively. */
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private static final String KINDS = ".png, .jpg, .jpeg, .bmp or .gif";

    /** Whether {@code file}'s name ends with one of the {@link #EXTENSIONS}. */
    static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        // Only regular files: reading a named pipe (or a device) called x.png would block forever.
        return dot > 0
                && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))
                && Files.isRegularFile(file);
    }

    /**
     * Lists the images of {@code path}.
     *
     * @param key the configuration key of the path, named in messages
     * @throws InvalidDataException when the path does not exist or is not an image file, a folder
     *     holds no image, a class folder is empty, or images lie beside class folders
     */
    static ImageFiles of(Path path, String key) {
        if (!Files.exists(path)) {
            throw new InvalidDataException(
                    path,
                    "not found"
                            + (path.isAbsolute()
                                    ? ""
                                    : " (relative to " + Path.of("").toAbsolutePath() + ")")
                            + "; check "
                            + key);
        }
        if (!Files.isDirectory(path)) {
            SpecialFiles.refuse(path, "give an image file or a folder; check " + key);
            if (!isImage(path)) {
                throw new InvalidDataException(
                        path,
                        "is not an image file ("
                                + KINDS
                                + ") or a folder; give a folder with one folder of images per"
                                + " class, a folder of images or one image file, or set the"
                                + " source's type");
            }
            String id = path.getFileName().toString();
            return new ImageFiles(List.of(path), List.of(id), null, List.of());
        }
        List<Path> entries = list(path);
        List<Path> images = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                folders.add(entry);
            } else if (isImage(entry)) {
                images.add(entry);
            }
        }
        List<List<Path>> classImages = new ArrayList<>();
        Path firstClass = null;
        for (Path classFolder : folders) {
            List<Path> files = list(classFolder).stream().filter(ImageFiles::isImage).toList();
            classImages.add(files);
            if (firstClass == null && !files.isEmpty()) {
                firstClass = classFolder;
            }
        }
        if (firstClass == null) {
            if (images.isEmpty()) {
                throw new InvalidDataException(
                        path,
                        "holds no images ("
                                + KINDS
                                + ") and no class folders with images"
                                + otherFiles(entries)
                                + "; give a folder with one folder of images per class (for"
                                + " training) or a folder of images (for prediction)");
            }
            List<String> ids = images.stream().map(file -> file.getFileName().toString()).toList();
            return new ImageFiles(images, ids, null, List.of());
        }
        if (!images.isEmpty()) {
            throw new InvalidDataException(
                    path,
                    "holds both images (e.g. "
                            + images.get(0).getFileName()
                            + ") and class folders (e.g. "
                            + firstClass.getFileName()
                            + "/); move every image into the folder of its class, or the class"
                            + " folders out");
        }
        List<Path> files = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int k = 0; k < folders.size(); k++) {
            Path classFolder = folders.get(k);
            String name = classFolder.getFileName().toString();
            if (classImages.get(k).isEmpty()) {
                throw new InvalidDataException(
                        classFolder,
                        "class folder holds no images ("
                                + KINDS
                                + ")"
                                + otherFiles(list(classFolder))
                                + "; add the images of class '"
                                + name
                                + "' or remove the folder");
            }
            classNames.add(name);
            for (Path file : classImages.get(k)) {
                files.add(file);
                ids.add(name + "/" + file.getFileName());
                labels.add(k);
            }
        }
        return new ImageFiles(
                files, ids, labels.stream().mapToInt(Integer::intValue).toArray(), classNames);
    }

    /** The entries of {@code folder} without hidden ones, sorted by name. */
    private static List<Path> list(Path folder) {
        try (Stream<Path> stream = Files.list(folder)) {
            return stream.filter(entry -> !entry.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(entry -> entry.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new InvalidDataException(
                    folder, "cannot list the folder (" + e + "); check its permissions", e);
        }
    }

    private static String otherFiles(List<Path> entries) {
        List<Path> others =
                entries.stream()
                        .filter(entry -> !Files.isDirectory(entry) && !isImage(entry))
                        .toList();
        if (others.isEmpty()) {
            return "";
        }
        return " (it holds "
                + others.size()
                + " other file"
                + (others.size() == 1 ? "" : "s")
                + ", e.g. "
                + others.get(0).getFileName()
                + ")";
    }
}
