package dev.classify.datasets;

import static java.util.Objects.requireNonNull;

import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads one array from a NumPy {@code .npz} archive (a zip of {@code .npy} entries, stored by
 * {@code np.savez} or deflated by {@code np.savez_compressed}) with {@link java.util.zip}, and
 * chooses between {@code .npy} and {@code .npz} by the file's first bytes.
 *
 * <p>Arrays are named as in NumPy: the entry name without {@code .npy}. Problems inside an entry
 * are reported for {@code archive.npz!/name.npy}. Stateless and thread safe.
 */
final class NpzReader {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private NpzReader() {}

    /**
     * Reads {@code file}, a {@code .npy} file or a {@code .npz} archive.
     *
     * @param name the array to read from an archive, or empty for its only array
     * @param option the source option naming the array, e.g. {@code array}, for messages
     * @throws InvalidDataException when the file is missing or corrupt, the array is not found, or
     *     there are several and none is named
     */
    static NpyArray read(Path file, Optional<String> name, String option) {
        requireNonNull(file, "file is null");
        if (!isZip(file)) {
            if (name.isPresent()) {
                throw new InvalidDataException(
                        file,
                        "the source option "
                                + option
                                + " ('"
                                + name.get()
                                + "') names an array in a .npz archive, but this is a single"
                                + " .npy array; remove "
                                + option);
            }
            return NpyReader.read(file);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = choose(file, zip, name, option);
            Path where = Path.of(file + "!/" + entry.getName());
            try (InputStream in = zip.getInputStream(entry)) {
                return NpyReader.read(where, Channels.newChannel(in), entry.getSize());
            } catch (IOException e) {
                throw new InvalidDataException(
                        where,
                        "cannot read the archive entry: "
                                + e.getMessage()
                                + "; the archive is corrupt or cut short, save it again with"
                                + " np.savez",
                        e);
            }
        } catch (ZipException e) {
            throw new InvalidDataException(
                    file,
                    "corrupt .npz archive: "
                            + e.getMessage()
                            + "; the file was cut short or damaged, save it again with np.savez",
                    e);
        } catch (IOException e) {
            throw new InvalidDataException(file, "cannot read the file: " + e, e);
        }
    }

    /** Whether {@code file} starts with the {@code .npy} or zip magic: an array file, not CSV. */
    static boolean isArrayFile(Path file) {
        byte[] prefix = prefix(file, 6);
        return NpyReader.hasMagic(prefix) || startsWith(prefix, ZIP_MAGIC);
    }

    private static boolean isZip(Path file) {
        return startsWith(prefix(file, ZIP_MAGIC.length), ZIP_MAGIC);
    }

    private static ZipEntry choose(Path file, ZipFile zip, Optional<String> name, String option) {
        List<String> names = new ArrayList<>();
        for (ZipEntry entry : Collections.list(zip.entries())) {
            if (!entry.isDirectory()) {
                String entryName = entry.getName();
                names.add(
                        entryName.endsWith(".npy")
                                ? entryName.substring(0, entryName.length() - 4)
                                : entryName);
            }
        }
        if (names.isEmpty()) {
            throw new InvalidDataException(
                    file, "empty .npz archive: it holds no arrays; save the arrays with np.savez");
        }
        if (name.isEmpty() && names.size() > 1) {
            throw new InvalidDataException(
                    file,
                    "the archive holds several arrays "
                            + names
                            + "; choose one with the source option "
                            + option
                            + ", e.g. "
                            + option
                            + ": "
                            + names.get(0));
        }
        String chosen = name.orElse(names.get(0));
        ZipEntry entry = zip.getEntry(chosen + ".npy");
        if (entry == null) {
            entry = zip.getEntry(chosen);
        }
        if (entry == null || entry.isDirectory()) {
            throw new InvalidDataException(
                    file,
                    "no array '"
                            + chosen
                            + "' in the archive; it holds "
                            + names
                            + "; set the source option "
                            + option
                            + " to one of them");
        }
        return entry;
    }

    private static byte[] prefix(Path file, int length) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(length);
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new InvalidDataException(file, "permission denied; make the file readable", e);
        } catch (IOException e) {
            throw new InvalidDataException(file, "cannot read the file: " + e, e);
        }
    }

    private static boolean startsWith(byte[] prefix, byte[] magic) {
        if (prefix.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (prefix[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
