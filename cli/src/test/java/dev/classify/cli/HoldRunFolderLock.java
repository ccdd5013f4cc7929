package dev.classify.cli;

import dev.classify.report.RunFolderLock;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A process standing for a training that writes a run folder: {@code HoldRunFolderLock RUN_DIR}
 * takes the folder's lock, prints {@link #LOCKED} and holds it until it is killed.
 */
final class HoldRunFolderLock {
    static final String LOCKED = "locked";

    private HoldRunFolderLock() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        try (RunFolderLock lock = RunFolderLock.tryLock(Path.of(args[0])).orElseThrow()) {
            System.out.println(LOCKED);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
