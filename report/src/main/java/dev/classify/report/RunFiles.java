package dev.classify.report;

/**
 * The names of what {@code classify train} writes into a run folder, and of what {@code classify
 * evaluate} writes into an evaluation folder: named here once, for the code that writes them and
 * the code that reads them back.
 */
public final class RunFiles {
    /** The resolved configuration, which trains the same run again. */
    public static final String CONFIG = "config.yaml";

    /** One row per finished epoch; see {@link MetricsFile}. A folder without it is no run. */
    public static final String METRICS = "metrics.csv";

    /** Loss and accuracy per epoch, training against validation; see {@link CurvesChart}. */
    public static final String CURVES = "curves.png";

    /** The folder of the kept model: DJL's parameters and {@link #MODEL_DESCRIPTION}. */
    public static final String MODEL = "model";

    /** The saved model's description inside {@link #MODEL}: architecture, classes, evaluation. */
    public static final String MODEL_DESCRIPTION = "classify-model.json";

    /** The folder of the last and best checkpoints, for {@code --resume}. */
    public static final String CHECKPOINTS = "checkpoints";

    /** In {@link #CHECKPOINTS}: the checkpoint of the last finished epoch. */
    public static final String LAST_CHECKPOINT = "last";

    /** In {@link #CHECKPOINTS}: the checkpoint of the best epoch so far. */
    public static final String BEST_CHECKPOINT = "best";

    /**
     * The lock file of a run folder (hidden): a training holds it while it writes the folder; see
     * {@link RunFolderLock}.
     */
    public static final String LOCK = ".classify.lock";

    /** The folder of the kept model's evaluation on the hold-out; see {@link EvaluationReport}. */
    public static final String EVALUATION = "evaluation";

    /** The ids of the held-out training images. */
    public static final String HOLD_OUT = "holdout.csv";

    /** The predictions for the test images. */
    public static final String SUBMISSION = "submission.csv";

    /** The libraries' log of a training. */
    public static final String TRAIN_LOG = "train.log";

    /** The page {@code classify report} writes by default; see {@link RunReport}. */
    public static final String REPORT = "report.html";

    /** In an evaluation folder: the confusion matrix as CSV. */
    public static final String CONFUSION_CSV = "confusion.csv";

    /** In an evaluation folder: the confusion matrix as a heat map. */
    public static final String CONFUSION_PNG = "confusion.png";

    /** In an evaluation folder: the first misclassified images. */
    public static final String ERRORS_PNG = "errors.png";

    /** In an evaluation folder: accuracy and per-class scores as JSON. */
    public static final String EVALUATION_METRICS = "metrics.json";

    /** In an evaluation folder: the log of {@code classify evaluate}. */
    public static final String EVALUATE_LOG = "evaluate.log";

    private RunFiles() {}
}
