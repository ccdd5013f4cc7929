package dev.classify.cli;

import dev.classify.report.ComparisonChart;
import dev.classify.report.ComparisonTable;
import dev.classify.report.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code classify compare}: a table of several runs (model, parameters, epochs, best validation
 * accuracy and its epoch, final learning rate, wall time) and, with {@code --output}, the table as
 * {@code comparison.csv} and their validation curves overlaid in {@code validation-curves.png}.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares run folders in a table and one picture.",
            "Prints model, parameters, epochs, best validation accuracy and its epoch, final "
                    + "learning rate and wall time of each run; with --output DIR also writes "
                    + "comparison.csv and validation-curves.png (the validation curves of all runs "
                    + "overlaid)."
        })
final class CompareCommand implements Callable<Integer> {
    @Parameters(
            arity = "1..*",
            paramLabel = "RUN_DIR",
            description = "Run folders written by 'classify train'.")
    List<Path> runs = new ArrayList<>();

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description =
                    "The folder to write comparison.csv and validation-curves.png into (created if"
                            + " absent; only these two files are replaced).")
    Path output;

    @Mixin PluginsOption plugins;

    @Override
    public Integer call() throws IOException {
        // Counting parameters starts the engine: its GPU-detection warnings are not for the table.
        Logging.quiet();
        Set<Path> seen = new HashSet<>();
        for (Path run : runs) {
            if (!seen.add(run.toAbsolutePath().normalize())) {
                throw new UsageException(run + ": given twice; give each run folder once");
            }
        }
        if (output != null && Files.exists(output) && !Files.isDirectory(output)) {
            throw new UsageException(output + ": is a file; give a folder for --output");
        }
        for (Path run : runs) {
            RunRepair.beforeReading(run, System.out);
        }
        List<RunFolder> folders = runs.stream().map(RunFolder::read).toList();
        List<String> labels = RunFolder.labels(folders);
        ComparisonTable table = ComparisonTable.of(folders, labels, plugins.root()::parameterCount);
        System.out.print(table.text());
        for (int i = 0; i < folders.size(); i++) {
            RunFolder run = folders.get(i);
            if (!run.hasValidation()) {
                System.out.println(
                        "note: "
                                + labels.get(i)
                                + " has no validation metrics (trained without a hold-out)");
            }
            for (String problem : run.problems()) {
                System.out.println("note: " + problem);
            }
        }
        if (output != null) {
            CommandInputs.writableFolder(output);
            Path csv = output.resolve(ComparisonTable.FILE_NAME);
            Path chart = output.resolve(ComparisonChart.FILE_NAME);
            table.writeCsv(csv);
            ComparisonChart.write(chart, folders, labels);
            System.out.println("wrote " + csv + " and " + chart);
        }
        return 0;
    }
}
