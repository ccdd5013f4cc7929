package dev.classify.cli;

import dev.classify.engine.Classify;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.lrfind.LrFindFiles;
import dev.classify.engine.lrfind.LrFindOptions;
import dev.classify.engine.lrfind.LrFindResult;
import dev.classify.engine.train.PreparedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code classify lr-find}: the learning-rate range test (Smith 2015, as fastai's {@code lr_find}):
 * loss against an exponentially growing learning rate, as a PNG and a CSV, and the suggested rate.
 */
@Command(
        name = "lr-find",
        mixinStandardHelpOptions = true,
        description = {
            "Finds a learning rate with the range test (Smith 2015, as fastai's lr_find).",
            "Trains a fresh network of the configuration on successive training batches while the"
                    + " learning rate grows exponentially from --start to --end over --steps"
                    + " batches, stopping when the smoothed loss exceeds 4x its best. Writes the"
                    + " loss against the rate as a PNG and a CSV (lr,loss,smoothed_loss) beside it,"
                    + " and prints the suggested rate (steepest descent of the smoothed loss) and"
                    + " the minimum/10 rule. No run folder is written and the network is not saved."
        })
final class LrFindCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The YAML configuration (default: examples/quickstart.yaml).")
    Path config;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "Overrides a configuration key, e.g. --set train.batchSize=128 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "--output",
            paramLabel = "FILE",
            defaultValue = "lr-find.png",
            description =
                    "The PNG to write; the CSV goes beside it with the .csv ending (default:"
                            + " ${DEFAULT-VALUE} in the working directory).")
    Path output;

    @Option(
            names = "--start",
            paramLabel = "RATE",
            defaultValue = "1e-7",
            description = "The first learning rate (default: ${DEFAULT-VALUE}).")
    double start;

    @Option(
            names = "--end",
            paramLabel = "RATE",
            defaultValue = "10",
            description = "The last learning rate (default: ${DEFAULT-VALUE}).")
    double end;

    @Option(
            names = "--steps",
            paramLabel = "N",
            defaultValue = "100",
            description = "Training batches of the sweep (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--force", description = "Replace existing output files.")
    boolean force;

    @Mixin PluginsOption plugins;

    @Override
    public Integer call() throws IOException {
        LrFindOptions options = options();
        Path csv = LrFindFiles.csvBeside(output);
        for (Path file : List.of(output, csv)) {
            if (Files.isDirectory(file)) {
                throw new UsageException(
                        file + ": is a folder; give a file name such as lr-find.png");
            }
            if (Files.exists(file) && !force) {
                throw new UsageException(file + ": exists; give --force to replace it");
            }
        }
        CommandInputs.writableFolder(output.toAbsolutePath().getParent());
        Logging.quiet();
        Classify root = plugins.root();
        Path configFile = config != null ? config : Home.quickStartConfig();
        PipelineConfig pipelineConfig = root.configurationLoader().load(configFile, overrides);
        PreparedRun prepared = root.prepare(pipelineConfig);
        LrFindResult result = root.lrFind(prepared, options);
        LrFindFiles.write(result, output);
        System.out.println(
                "wrote "
                        + output
                        + " and "
                        + csv
                        + " ("
                        + result.points().size()
                        + " batches"
                        + (result.diverged() ? ", stopped when the loss ran away" : "")
                        + ")");
        System.out.println(
                String.format(
                        Locale.ROOT,
                        "suggested learning rate: %.3g (steepest descent of the loss);"
                                + " minimum/10: %.3g",
                        result.suggestion().steepest(),
                        result.suggestion().minimumTenth()));
        return 0;
    }

    private LrFindOptions options() {
        try {
            return new LrFindOptions(start, end, steps);
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    "--start "
                            + start
                            + ", --end "
                            + end
                            + ", --steps "
                            + steps
                            + ": "
                            + e.getMessage()
                            + "; give 0 < --start < --end and --steps >= 2");
        }
    }
}
