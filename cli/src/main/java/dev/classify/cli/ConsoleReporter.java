package dev.classify.cli;

import dev.classify.api.EpochMetrics;
import dev.classify.engine.train.RunListener;
import dev.classify.engine.train.RunResult;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/** Shows a training run to a person: what trains, one line per epoch, where the results are. */
final class ConsoleReporter implements RunListener {
    private final PrintStream out;
    private final boolean interactive;
    private long epochStart;
    private long lastLine = System.nanoTime();

    private final BooleanSupplier stop;

    ConsoleReporter(PrintStream out) {
        this(out, () -> false);
    }

    /** A reporter whose {@link #stopRequested} answers {@code stop}, e.g. Ctrl-C pressed. */
    ConsoleReporter(PrintStream out, BooleanSupplier stop) {
        this.out = out;
        this.interactive = System.console() != null;
        this.stop = stop;
    }

    @Override
    public boolean stopRequested() {
        return stop.getAsBoolean();
    }

    @Override
    public void started(String summary) {
        out.println(summary);
    }

    @Override
    public void batchFinished(int epoch, int done, int total, int images) {
        long now = System.nanoTime();
        if (done == 1) {
            epochStart = now;
        }
        // Interactive: a line redrawn every few batches; otherwise a plain line every 30 seconds.
        boolean due =
                interactive
                        ? done % 5 == 0 || done == total
                        : now - lastLine > 30_000_000_000L && done < total;
        if (!due || done < 2) {
            return;
        }
        lastLine = now;
        double seconds = (now - epochStart) / 1e9;
        double perBatch = seconds / (done - 1);
        double imagesPerSecond = images * (done - 1) / (double) done / seconds;
        String line =
                String.format(
                        Locale.ROOT,
                        "epoch %d: batch %d/%d (%d%%)  %.0f img/s  ETA %s",
                        epoch,
                        done,
                        total,
                        100 * done / total,
                        imagesPerSecond,
                        duration(perBatch * (total - done)));
        if (interactive) {
            out.print("\r" + line + "   ");
            out.flush();
        } else {
            out.println(line);
        }
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    @Override
    public void epochFinished(EpochMetrics m, int epochs, boolean best) {
        String validation =
                m.hasValidation()
                        ? String.format(
                                Locale.ROOT,
                                "  val loss %.4f acc %.4f",
                                m.validationLoss(),
                                m.validationAccuracy())
                        : "";
        out.printf(
                Locale.ROOT,
                "%sepoch %d/%d  lr %.3g  train loss %.4f acc %.4f%s  %.1fs  %.0f img/s%s%n",
                interactive ? "\r" + " ".repeat(79) + "\r" : "",
                m.epoch(),
                epochs,
                m.learningRate(),
                m.trainLoss(),
                m.trainAccuracy(),
                validation,
                m.epochSeconds(),
                m.imagesPerSecond(),
                best ? "  (best)" : "");
    }

    @Override
    public void message(String text) {
        out.println(text);
    }

    void finished(RunResult result) {
        out.println("run folder: " + result.runDirectory());
    }
}
