package dev.classify.report;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * A file or folder that classify could not write, named with the operating system's reason ("No
 * space left on device", "Read-only file system", "Operation not permitted"): thrown where the
 * target is known, so that the person learns which file failed and why instead of a bare {@code
 * IOException}. The message is {@code FILE: REASON}; the cause is the original failure.
 */
public final class FileWriteException extends FileSystemException {
    private static final long serialVersionUID = 1L;

    /**
     * @param target the file or folder being written
     * @param cause the failure, whose reason is kept
     */
    public FileWriteException(Path target, IOException cause) {
        super(target.toString(), null, reasonOf(cause));
        initCause(cause);
    }

    /**
     * Returns {@code e} when it already names its target, else a {@link FileWriteException} for
     * {@code target}.
     */
    static FileWriteException of(Path target, IOException e) {
        return e instanceof FileWriteException named ? named : new FileWriteException(target, e);
    }

    /**
     * The operating system's reason for {@code e} ({@code No space left on device}), else its
     * message, else its kind.
     */
    public static String reasonOf(IOException e) {
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : reasonOfType(f);
        }
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName();
    }

    /** Java's own subclasses leave the reason out: their type is it. */
    private static String reasonOfType(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        } else if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        } else if (e instanceof NotDirectoryException) {
            return "Not a directory";
        } else if (e instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        } else if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        return e.getClass().getSimpleName();
    }
}
