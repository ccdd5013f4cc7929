package dev.classify.cli;

import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.plugin.PluginException;
import dev.classify.report.FileWriteException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code classify} command line: {@code train} and {@code predict}. Exit codes: 0 success, 2
 * bad usage or bad input (one line per problem on stderr), 1 internal error.
 */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        version = "classify 0.1.0",
        description = "Trains image classifiers and predicts with them.",
        subcommands = {
            TrainCommand.class,
            PredictCommand.class,
            EvaluateCommand.class,
            ModelsCommand.class,
            PluginsCommand.class,
            SummaryCommand.class,
            ImportCommand.class,
            AugmentPreviewCommand.class,
            CompareCommand.class,
            ReportCommand.class,
            BenchCommand.class,
            LrFindCommand.class
        })
public final class Main implements Runnable {
    /** Exit code for bad usage or bad input. */
    static final int BAD_INPUT = 2;

    @Option(
            names = "--verbose",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "give a command: train, predict, evaluate, models, plugins, summary, import,"
                        + " augment-preview, compare, report or bench");
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code, without exiting. */
    static int run(String... args) {
        return run(new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with errors and usage messages going to {@code err}. */
    static int run(PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(Main::handle);
        commandLine.setParameterExceptionHandler(Main::handleUsage);
        commandLine.setUsageHelpWidth(100);
        commandLine.setUsageHelpAutoWidth(true);
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // An Error escapes picocli's handler: one line instead of the JVM's trace.
            err.println(
                    "classify: out of memory ("
                            + e.getMessage()
                            + "); check that the input files are what they should be, or give"
                            + " Java more memory (JAVA_TOOL_OPTIONS=-Xmx8g)");
            err.flush();
            return 1;
        }
    }

    /** Bad usage: one line saying what is wrong, one saying where help is, exit code 2. */
    private static int handleUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("classify: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("classify: see '" + command.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return BAD_INPUT;
    }

    /** The plugin failure that caused {@code e}, or null. */
    private static PluginException pluginFailure(Throwable e) {
        return cause(e, PluginException.class);
    }

    /** The first exception of {@code type} in {@code e}'s causes, {@code e} included, or null. */
    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /** Whether the command line was {@code train --resume}, which writes into its run folder. */
    private static boolean resuming(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult command = parseResult.subcommand();
        return command != null
                && command.commandSpec().name().equals("train")
                && command.hasMatchedOption("--resume");
    }

    private static int handle(
            Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose =
                parseResult.hasMatchedOption("--verbose")
                        || parseResult.subcommands().stream()
                                .anyMatch(p -> p.hasMatchedOption("--verbose"));
        if (e instanceof ConfigurationException configuration) {
            for (String problem : configuration.problems()) {
                err.println("classify: " + problem);
            }
        } else if (e instanceof InvalidDataException || e instanceof UsageException) {
            err.println("classify: " + e.getMessage());
        } else if (cause(e, FileWriteException.class) != null) {
            // A full disk or a read-only folder: the person's to fix, not a bug of classify.
            err.println(
                    "classify: "
                            + WriteFailure.message(
                                    cause(e, FileWriteException.class), resuming(parseResult)));
        } else if (pluginFailure(e) != null) {
            // Already one line naming the plugin, its class and jar: not an error of classify.
            err.println("classify: " + pluginFailure(e).getMessage());
        } else {
            // Native engines put their own multi-line traces into messages: the first line says it.
            String text = String.valueOf(e);
            int newline = text.indexOf('\n');
            err.println(
                    "classify: internal error: "
                            + (newline < 0 || verbose ? text : text.substring(0, newline)));
            if (!verbose) {
                err.println("classify: run again with --verbose for the stack trace");
            }
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        boolean badInput =
                e instanceof ConfigurationException
                        || e instanceof InvalidDataException
                        || e instanceof UsageException
                        || cause(e, FileWriteException.class) != null;
        return badInput ? BAD_INPUT : 1;
    }
}
