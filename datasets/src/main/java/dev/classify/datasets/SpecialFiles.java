package dev.classify.datasets;

import dev.classify.api.InvalidDataException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses devices, pipes and sockets given as data files: reading {@code /dev/zero} or {@code
 * /dev/urandom} never ends, and a pipe may block forever. Stateless.
 */
final class SpecialFiles {
    private SpecialFiles() {}

    /**
     * Throws when {@code file} exists and is neither a regular file nor a folder.
     *
     * @param fix what to give instead, e.g. {@code "give a labels file"}
     * @throws InvalidDataException naming the file, the problem and {@code fix}
     */
    static void refuse(Path file, String fix) {
        if (Files.exists(file) && !Files.isDirectory(file) && !Files.isRegularFile(file)) {
            throw new InvalidDataException(
                    file,
                    "is not a regular file but a device, pipe or socket, which may never end; "
                            + fix);
        }
    }
}
