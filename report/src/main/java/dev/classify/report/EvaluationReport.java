package dev.classify.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.classify.api.ImageSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an evaluation into a folder (created when absent): {@code confusion.csv}, {@code
 * confusion.png}, {@code errors.png} and {@code metrics.json}. Each file is replaced atomically;
 * other files in the folder are left alone.
 */
public final class EvaluationReport {
    /** The files written, in the order written. */
    public static final List<String> FILES =
            List.of(
                    RunFiles.CONFUSION_CSV,
                    RunFiles.CONFUSION_PNG,
                    RunFiles.ERRORS_PNG,
                    RunFiles.EVALUATION_METRICS);

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationReport() {}

    /**
     * Evaluates {@code predicted} against {@code truth} and writes the files.
     *
     * @param folder the folder to write into
     * @param images the evaluated images, for the grid of misclassified ones
     * @param truth the true class index of each image, into {@code classNames}
     * @param predicted the predicted class index of each image, into {@code classNames}
     * @param classNames the model's class names, indexed by class
     * @return the evaluation
     * @throws IOException when a file cannot be written
     */
    public static Evaluation write(
            Path folder, ImageSet images, int[] truth, int[] predicted, List<String> classNames)
            throws IOException {
        if (truth.length != images.size()) {
            throw new IllegalArgumentException(
                    images.size() + " images but " + truth.length + " labels");
        }
        Evaluation evaluation = Evaluation.of(truth, predicted, classNames);
        writeConfusion(folder.resolve(RunFiles.CONFUSION_CSV), evaluation);
        ConfusionChart.write(folder.resolve(RunFiles.CONFUSION_PNG), evaluation);
        ErrorGrid.write(folder.resolve(RunFiles.ERRORS_PNG), images, truth, predicted, classNames);
        AtomicFiles.writeBytes(
                folder.resolve(RunFiles.EVALUATION_METRICS),
                out -> out.write(JSON.writeValueAsBytes(metrics(evaluation))));
        return evaluation;
    }

    /** Rows are true classes, columns predicted classes, named in the header and first column. */
    static void writeConfusion(Path file, Evaluation evaluation) throws IOException {
        List<String> header = new ArrayList<>();
        header.add("true\\predicted");
        header.addAll(evaluation.classNames());
        List<List<Object>> rows = new ArrayList<>();
        for (int t = 0; t < evaluation.size(); t++) {
            List<Object> row = new ArrayList<>();
            row.add(evaluation.classNames().get(t));
            for (int p = 0; p < evaluation.size(); p++) {
                row.add(evaluation.count(t, p));
            }
            rows.add(row);
        }
        CsvFile.write(file, header, rows);
    }

    private static Map<String, Object> metrics(Evaluation evaluation) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("images", evaluation.total());
        metrics.put("correct", evaluation.correct());
        metrics.put("accuracy", evaluation.accuracy());
        metrics.put(
                "macro",
                scores(
                        evaluation.macroPrecision(),
                        evaluation.macroRecall(),
                        evaluation.macroF1(),
                        evaluation.total()));
        List<Map<String, Object>> classes = new ArrayList<>();
        for (int k = 0; k < evaluation.size(); k++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", evaluation.classNames().get(k));
            row.put("index", evaluation.classIndices()[k]);
            row.putAll(
                    scores(
                            evaluation.precision(k),
                            evaluation.recall(k),
                            evaluation.f1(k),
                            evaluation.support(k)));
            classes.add(row);
        }
        metrics.put("classes", classes);
        return metrics;
    }

    private static Map<String, Object> scores(
            double precision, double recall, double f1, int support) {
        Map<String, Object> scores = new LinkedHashMap<>();
        scores.put("precision", precision);
        scores.put("recall", recall);
        scores.put("f1", f1);
        scores.put("support", support);
        return scores;
    }
}
