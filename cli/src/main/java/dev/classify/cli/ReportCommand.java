package dev.classify.cli;

import dev.classify.report.RunFiles;
import dev.classify.report.RunFolder;
import dev.classify.report.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code classify report}: writes one self-contained HTML page about a run (summary, curves,
 * metrics, timing, hold-out evaluation, configuration), by default {@code report.html} in the run
 * folder.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a self-contained HTML report of a run.",
            "One page about a run folder: model and parameters, best epoch, curves, metrics "
                    + "per epoch, timing, the hold-out evaluation (scores, confusion matrix, "
                    + "misclassified images) and the configuration, with the pictures embedded."
        })
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder.")
    Path run;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "The page to write (default: RUN_DIR/report.html, replaced if there).")
    Path output;

    @Option(names = "--force", description = "Replace an existing --output file.")
    boolean force;

    @Mixin PluginsOption plugins;

    @Override
    public Integer call() throws IOException {
        Logging.quiet();
        RunRepair.beforeReading(run, System.out);
        RunFolder folder = RunFolder.read(run);
        // The default page is the report's own file in the run folder: written again each time.
        Path file = output != null ? output : run.resolve(RunFiles.REPORT);
        if (output != null) {
            String name = String.valueOf(output.getFileName()).toLowerCase(Locale.ROOT);
            if (Files.isDirectory(output) || !(name.endsWith(".html") || name.endsWith(".htm"))) {
                throw new UsageException(
                        output + ": give a file name ending in .html, such as " + RunFiles.REPORT);
            }
            if (Files.exists(output) && !Files.isRegularFile(output)) {
                throw new UsageException(output + ": is not a regular file; give a file name");
            }
            if (Files.exists(output) && !force) {
                throw new UsageException(output + ": exists; give --force to replace it");
            }
            CommandInputs.writableFolder(output.toAbsolutePath().getParent());
        }
        RunReport.write(folder, folder.parameters(plugins.root()::parameterCount), file);
        System.out.println("wrote " + file);
        return 0;
    }
}
