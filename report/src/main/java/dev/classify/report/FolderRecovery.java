package dev.classify.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@link AtomicFiles} leaves when its process is killed, and how to turn it back into whole
 * files and folders. The caller must make sure that nobody is writing the folder at the same time
 * (see {@link RunFolderLock}): a leftover of a live writer looks the same as one of a dead one.
 *
 * <p>Leftovers of a folder {@code NAME} are hidden siblings: {@code .NAME.tmp-STAMP} (being
 * written: incomplete, deleted), {@code .NAME.new-STAMP} (complete: it replaces {@code NAME}) and
 * {@code .NAME.old-STAMP} (the folder it replaced: put back only when {@code NAME} and every newer
 * copy are gone, else deleted). Leftovers of a file {@code NAME} are {@code .NAME.PID-N.tmp}, never
 * complete: deleted once process {@code PID} has ended.
 */
final class FolderRecovery {
    static final String WRITING = "tmp";
    static final String COMMITTED = "new";
    static final String REPLACED = "old";

    // Stamps of folders written before stamps held the time and process are nanoTime values: they
    // still match, so that a run folder of an earlier version is recovered too.
    private static final Pattern FOLDER = Pattern.compile("\\.(.+)\\.(tmp|new|old)-([0-9][0-9-]*)");
    private static final Pattern FILE = Pattern.compile("\\.(.+)\\.([0-9]+)-[0-9]+\\.tmp");

    private FolderRecovery() {}

    /** The hidden name of {@code target} in state {@code kind} ({@link #WRITING}...). */
    static String name(Path target, String kind, String stamp) {
        return "." + target.getFileName() + "." + kind + "-" + stamp;
    }

    /**
     * A hidden name beside {@code target} for writing it. Not Files.createTempFile: its owner-only
     * permissions would stay on the moved file, so that a shared submission.csv could not be read
     * by others.
     */
    static String temporaryFileName(Path target) {
        return "."
                + target.getFileName()
                + "."
                + ProcessHandle.current().pid()
                + "-"
                + System.nanoTime()
                + ".tmp";
    }

    /** Whether a replacement of the folder {@code target} left something beside it. */
    static boolean hasLeftovers(Path target) throws IOException {
        return !leftovers(target).isEmpty();
    }

    /**
     * Finishes or undoes an interrupted replacement of the folder {@code target}: the newest
     * complete new copy replaces it, else the old copy comes back if it is gone; every other
     * leftover is deleted.
     *
     * @return whether {@code target} changed (a new copy moved in, or the old one back)
     * @throws IOException when a leftover cannot be moved or deleted
     */
    static boolean recover(Path target) throws IOException {
        List<Leftover> leftovers = leftovers(target);
        if (leftovers.isEmpty()) {
            return false;
        }
        boolean changed = false;
        Optional<Leftover> newest = newest(leftovers, COMMITTED);
        Optional<Leftover> previous = newest(leftovers, REPLACED);
        if (newest.isPresent()) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                // Killed before the old folder moved away: it goes now, as it would have.
                Path away = target.resolveSibling(name(target, REPLACED, newest.get().stamp()));
                Files.move(target, away, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(newest.get().path(), target, StandardCopyOption.ATOMIC_MOVE);
            changed = true;
        } else if (previous.isPresent() && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(previous.get().path(), target, StandardCopyOption.ATOMIC_MOVE);
            changed = true;
        }
        for (Leftover leftover : leftovers(target)) {
            deleteTree(leftover.path());
        }
        return changed;
    }

    /**
     * Deletes the hidden temporary files in {@code folder} that {@link AtomicFiles} was writing in
     * a process that has ended.
     *
     * @return whether there were any
     */
    static boolean removeDeadFiles(Path folder) throws IOException {
        boolean removed = false;
        for (Path file : deadFiles(folder)) {
            removed |= Files.deleteIfExists(file);
        }
        return removed;
    }

    /** The hidden temporary files in {@code folder} whose writing process has ended. */
    static List<Path> deadFiles(Path folder) throws IOException {
        List<Path> dead = new ArrayList<>();
        for (Path file : list(folder)) {
            Matcher matcher = FILE.matcher(file.getFileName().toString());
            if (matcher.matches()
                    && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && !alive(matcher.group(2))) {
                dead.add(file);
            }
        }
        return dead;
    }

    /** Whether {@code name} is a leftover of writing the file or folder {@code targetName}. */
    static boolean isLeftoverOf(String name, String targetName) {
        Matcher folder = FOLDER.matcher(name);
        Matcher file = FILE.matcher(name);
        return (folder.matches() && folder.group(1).equals(targetName))
                || (file.matches() && file.group(1).equals(targetName));
    }

    /** Deletes {@code root}, a file or a folder with everything in it, if it exists. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Whether process {@code pid} runs; this process counts as alive (it may be writing). */
    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private record Leftover(Path path, String kind, String stamp) {
        /** The stamp's first number: milliseconds, or nanoTime for an earlier version's stamp. */
        long time() {
            int dash = stamp.indexOf('-');
            String first = dash < 0 ? stamp : stamp.substring(0, dash);
            try {
                return Long.parseLong(first);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    private static List<Leftover> leftovers(Path target) throws IOException {
        String targetName = target.getFileName().toString();
        List<Leftover> leftovers = new ArrayList<>();
        for (Path path : list(target.toAbsolutePath().getParent())) {
            Matcher matcher = FOLDER.matcher(path.getFileName().toString());
            if (matcher.matches()
                    && matcher.group(1).equals(targetName)
                    && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                leftovers.add(new Leftover(path, matcher.group(2), matcher.group(3)));
            }
        }
        return leftovers;
    }

    private static Optional<Leftover> newest(List<Leftover> leftovers, String kind) {
        return leftovers.stream()
                .filter(leftover -> leftover.kind().equals(kind))
                .max(Comparator.comparingLong(Leftover::time).thenComparing(Leftover::stamp));
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> paths = Files.list(folder)) {
            return paths.toList();
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        }
    }
}
