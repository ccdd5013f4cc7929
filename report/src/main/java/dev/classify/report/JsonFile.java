package dev.classify.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.file.Path;

/** Reads the JSON files of a run folder, such as the saved model's {@code classify-model.json}. */
public final class JsonFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFile() {}

    /**
     * Reads {@code file} as a {@code type}; {@code null} when the file holds JSON {@code null}.
     *
     * @param what what the file is, for the message, e.g. {@code model description}
     * @param fix what to do when it is unreadable, for the message
     * @throws InvalidDataException when the file cannot be read or does not map to {@code type}:
     *     {@code FILE: unreadable WHAT (EXCEPTION); FIX}
     */
    public static <T> T read(Path file, Class<T> type, String what, String fix) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new InvalidDataException(
                    file,
                    "unreadable " + what + " (" + e.getClass().getSimpleName() + "); " + fix,
                    e);
        }
    }
}
