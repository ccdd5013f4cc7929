package dev.classify.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process that replaces a folder and is killed on the way: {@code ReplacementCrash TARGET STEP}
 * writes {@code TARGET} anew (files {@code a.txt} and {@code b.txt} holding {@code new}) and halts
 * the JVM, as {@code kill -9} would, at {@code STEP}: one of {@link AtomicFiles.Step}, or {@code
 * CONTENT} after the first of the two files. Exits with {@link #HALTED} there, 0 if it never got
 * there.
 */
final class ReplacementCrash {
    static final int HALTED = 99;
    static final String CONTENT = "CONTENT";

    private ReplacementCrash() {}

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        String halt = args[1];
        AtomicFiles.steps =
                (folder, step) -> {
                    if (step.name().equals(halt)) {
                        Runtime.getRuntime().halt(HALTED);
                    }
                };
        AtomicFiles.writeDirectory(
                target,
                folder -> {
                    Files.writeString(folder.resolve("a.txt"), "new");
                    if (halt.equals(CONTENT)) {
                        Runtime.getRuntime().halt(HALTED);
                    }
                    Files.writeString(folder.resolve("b.txt"), "new");
                });
    }
}
