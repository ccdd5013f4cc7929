package dev.classify.cli;

import dev.classify.report.AtomicFiles;
import dev.classify.report.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a training leaves in its run folder when it is stopped (killed, failed, interrupted) before
 * its first checkpoint: {@code config.yaml}, {@code holdout.csv}, {@code train.log}, the lock file,
 * and, killed while the first epoch's results were saved, {@code model/} and an empty {@code
 * checkpoints/}. Nothing to resume from: the same command may replace it. A folder holding anything
 * else (a file of the person's, a checkpoint, metrics) is never one.
 */
final class UnfinishedStart {
    private static final Set<String> FILES =
            Set.of(RunFiles.CONFIG, RunFiles.HOLD_OUT, RunFiles.TRAIN_LOG, RunFiles.LOCK);
    private static final Set<String> WRITTEN_WHOLE = Set.of(RunFiles.CONFIG, RunFiles.HOLD_OUT);
    private static final Pattern PARAMETERS = Pattern.compile("model-[0-9]{4}\\.params");

    private UnfinishedStart() {}

    /**
     * The entries of {@code folder} to delete to replace it (without its lock file, which the
     * replacing run holds), when it holds nothing but an unfinished start; empty otherwise.
     *
     * @param leftoversAllowed whether to accept what a killed write leaves beside a file or folder
     *     (see {@link AtomicFiles#isLeftover}) without looking into it: for a first look, before
     *     the lock is held and the folder repaired
     */
    static Optional<List<Path>> entries(Path folder, boolean leftoversAllowed) throws IOException {
        List<Path> entries = new ArrayList<>();
        for (Path entry : list(folder)) {
            String name = entry.getFileName().toString();
            boolean ours;
            if (FILES.contains(name)) {
                ours = Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS);
            } else if (name.equals(RunFiles.MODEL)) {
                ours = isModel(entry);
            } else if (name.equals(RunFiles.CHECKPOINTS)) {
                ours = holdsNoCheckpoint(entry, leftoversAllowed);
            } else {
                ours = leftoversAllowed && isLeftover(name);
            }
            if (!ours) {
                return Optional.empty();
            }
            if (!name.equals(RunFiles.LOCK)) {
                entries.add(entry);
            }
        }
        return Optional.of(List.copyOf(entries));
    }

    /** Deletes {@code entries}, as {@link #entries} returned them. */
    static void delete(List<Path> entries) throws IOException {
        for (Path entry : entries) {
            try (Stream<Path> paths = Files.walk(entry)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** The names of {@code entries}, for the console. */
    static String names(List<Path> entries) {
        return String.join(
                ", ", entries.stream().map(e -> e.getFileName().toString()).sorted().toList());
    }

    private static boolean isLeftover(String name) {
        return WRITTEN_WHOLE.stream().anyMatch(target -> AtomicFiles.isLeftover(name, target))
                || AtomicFiles.isLeftover(name, RunFiles.MODEL);
    }

    /** A saved model: its description and parameters, nothing else. */
    private static boolean isModel(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        for (Path file : list(folder)) {
            String name = file.getFileName().toString();
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || !(name.equals(RunFiles.MODEL_DESCRIPTION)
                            || PARAMETERS.matcher(name).matches())) {
                return false;
            }
        }
        return true;
    }

    /** A {@code checkpoints/} folder that is empty, or holds only leftovers when allowed. */
    private static boolean holdsNoCheckpoint(Path folder, boolean leftoversAllowed)
            throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        for (Path entry : list(folder)) {
            String name = entry.getFileName().toString();
            if (!leftoversAllowed
                    || !(AtomicFiles.isLeftover(name, RunFiles.LAST_CHECKPOINT)
                            || AtomicFiles.isLeftover(name, RunFiles.BEST_CHECKPOINT))) {
                return false;
            }
        }
        return true;
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.toList();
        }
    }
}
