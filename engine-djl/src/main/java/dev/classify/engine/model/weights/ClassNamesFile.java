package dev.classify.engine.model.weights;

import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The class names of imported weights: a UTF-8 file with one name per line. Stateless. */
final class ClassNamesFile {
    private ClassNamesFile() {}

    /**
     * Returns the {@code count} class names: those in {@code file}, or {@code "0"} to {@code count
     * - 1} when {@code file} is {@code null}.
     *
     * @throws InvalidDataException when the file cannot be read, holds an empty or repeated name,
     *     or another number of names than {@code count}
     */
    static List<String> read(Path file, int count, Path weights) {
        List<String> names = new ArrayList<>();
        if (file == null) {
            for (int i = 0; i < count; i++) {
                names.add(Integer.toString(i));
            }
            return names;
        }
        SafetensorsFile.refuseSpecial(file, "give a text file of class names");
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (CharacterCodingException e) {
            throw new InvalidDataException(file, "is not UTF-8 text; save it as UTF-8", e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidDataException(
                    file, "cannot read the class names (no such file); check the path", e);
        } catch (IOException e) {
            throw new InvalidDataException(
                    file, "cannot read the class names (" + e.getMessage() + ")", e);
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            // A byte order mark (Windows editors write one) is no part of the first name.
            lines.set(0, lines.get(0).substring(1));
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines = lines.subList(0, lines.size() - 1);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String name = lines.get(i).strip();
            if (name.isEmpty()) {
                throw new InvalidDataException(
                        file, "line " + (i + 1) + " is empty; give one class name per line");
            }
            if (!seen.add(name)) {
                throw new InvalidDataException(
                        file, "line " + (i + 1) + " repeats the class name '" + name + "'");
            }
            names.add(name);
        }
        if (names.size() != count) {
            throw new InvalidDataException(
                    file,
                    "has "
                            + names.size()
                            + " class names but the classifier in "
                            + weights
                            + " has "
                            + count
                            + " classes (rows of fc.weight); give one name per class, in the"
                            + " classifier's order");
        }
        return names;
    }
}
