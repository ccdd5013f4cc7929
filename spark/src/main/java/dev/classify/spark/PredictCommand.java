package dev.classify.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code classify-spark predict}: classifies image files or {@code .npy} rows with a model and
 * writes Spark's folder of {@code part-*} files: CSV with the header {@code id,label}, or Parquet
 * with every column of {@link ClassifySpark#predict}.
 */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = "Predicts the class of every image on Spark and writes id,label rows.")
final class PredictCommand implements Callable<Integer> {
    /** Messages of failed rows printed at most. */
    private static final int EXAMPLES = 10;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark's master, e.g. local[2] (default: spark-submit's).")
    String master;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "PATH",
            description =
                    "A run folder or its model/ folder: local, a Hadoop path (hdfs://, s3a://) or"
                            + " an archive's name given to spark-submit --archives; repeat it"
                            + " for an ensemble, which averages the models' class probabilities"
                            + " (same classes, same image shape).")
    List<String> models;

    @Option(
            names = "--images",
            required = true,
            paramLabel = "PATH",
            description = "A folder or glob of image files, or .npy file(s); any Hadoop path.")
    String images;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description = "The folder Spark writes its part files into.")
    String output;

    @Option(names = "--force", description = "Replace an existing output folder.")
    boolean force;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "csv",
            description = "csv (id,label) or parquet (every column; default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            description = "npy or images (default: npy for a path ending in .npy, else images).")
    String type;

    @Option(
            names = "--rows-per-task",
            paramLabel = "N",
            defaultValue = "0",
            description = ".npy rows each task reads (default: about two tasks per core).")
    int rowsPerTask;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "256",
            description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--top-k",
            paramLabel = "K",
            defaultValue = "1",
            description = "Parquet only: a top_k column of the K most likely classes.")
    int topK;

    @Option(
            names = "--probabilities",
            description = "Parquet only: a probabilities column, every class's.")
    boolean probabilities;

    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            description =
                    "A local folder of plugin jars on every node (on a cluster, give the jars"
                            + " to spark-submit --jars instead).")
    String plugins;

    @Override
    public Integer call() throws IOException {
        PredictOptions options = options();
        boolean npy = isNpy();
        logBesideOutput();
        SparkSession spark = session();
        try {
            checkOutput(spark);
            checkImages(spark);
            Dataset<Row> input =
                    npy
                            ? ClassifySpark.npyRows(spark, images, rowsPerTask)
                            : ClassifySpark.imageFiles(spark, images);
            Failures failures = Failures.register(spark);
            Dataset<Row> predictions =
                    ClassifySpark.predict(spark, input, models, options, failures);
            if (models.size() > 1) {
                System.out.println(
                        "ensemble of "
                                + models.size()
                                + " models: each image's class probabilities are the mean of"
                                + " theirs");
            }
            // From here: reading, decoding, the forward passes and writing (the model is loaded).
            long start = System.nanoTime();
            SaveMode mode = force ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
            if (format.equals("csv")) {
                predictions
                        .select(Columns.ID, Columns.LABEL)
                        .write()
                        .mode(mode)
                        .option("header", "true")
                        .option("emptyValue", "")
                        .csv(output);
            } else {
                predictions.write().mode(mode).parquet(output);
            }
            report(failures, (System.nanoTime() - start) / 1e9);
            return 0;
        } finally {
            spark.stop();
        }
    }

    private PredictOptions options() {
        format = format.toLowerCase(Locale.ROOT);
        if (!format.equals("csv") && !format.equals("parquet")) {
            throw new UsageException("--format must be csv or parquet, got '" + format + "'");
        }
        if (type != null && !type.equals("npy") && !type.equals("images")) {
            throw new UsageException("--type must be npy or images, got '" + type + "'");
        }
        if (rowsPerTask < 0 || batchSize < 1 || topK < 1) {
            throw new UsageException(
                    "--rows-per-task must be at least 0, --batch-size and --top-k at least 1");
        }
        if (format.equals("csv") && (topK > 1 || probabilities)) {
            throw new UsageException(
                    "--top-k and --probabilities add array columns, which CSV cannot hold; give"
                            + " --format parquet");
        }
        if (plugins != null && !Files.isDirectory(Path.of(plugins))) {
            throw new UsageException(plugins + ": plugin folder not found; check --plugins");
        }
        return PredictOptions.defaults()
                .withTopK(topK)
                .withProbabilities(probabilities)
                .withBatchSize(batchSize)
                .withPluginDirectory(plugins == null ? null : Path.of(plugins).toString());
    }

    private boolean isNpy() {
        return type != null ? type.equals("npy") : images.toLowerCase(Locale.ROOT).endsWith(".npy");
    }

    /** Spark's and the libraries' log goes to a file beside a local output (the launcher's). */
    private void logBesideOutput() {
        if (System.getProperty("classify.spark.log") == null && !output.contains("://")) {
            Path parent = Path.of(output).toAbsolutePath().getParent();
            System.setProperty(
                    "classify.spark.log", parent.resolve("predict-spark.log").toString());
        }
    }

    /**
     * The session; the engine's threads follow the executors' cores ({@code spark.executor.cores})
     * unless {@code spark.executorEnv.OMP_NUM_THREADS} is set.
     */
    private SparkSession session() {
        SparkConf conf = new SparkConf();
        if (master != null) {
            conf.setMaster(master);
        }
        conf.setIfMissing("spark.app.name", "classify predict");
        if (conf.get("spark.master", "").startsWith("local")) {
            // One JVM: no web UI, nothing listening beyond this machine.
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        if (conf.contains("spark.executor.cores")) {
            conf.setIfMissing(
                    "spark.executorEnv.OMP_NUM_THREADS", conf.get("spark.executor.cores"));
        }
        conf.setIfMissing("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE");
        conf.setIfMissing("spark.executorEnv.DJL_OFFLINE", "true");
        conf.setIfMissing("spark.executorEnv.OPT_OUT_TRACKING", "true");
        return SparkSession.builder().config(conf).getOrCreate();
    }

    private void checkOutput(SparkSession spark) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(output);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(path) && !force) {
            throw new UsageException(output + ": exists; give --force to replace it");
        }
        if (fs.exists(path) && fs.getFileStatus(path).isFile()) {
            throw new UsageException(
                    output + ": is a file; give --output a folder for Spark's part files");
        }
    }

    private void checkImages(SparkSession spark) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(images);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        FileStatus[] matched = fs.globStatus(path);
        if (matched == null || matched.length == 0) {
            throw new UsageException(images + ": not found; check --images");
        }
    }

    private void report(Failures failures, double seconds) {
        System.out.println(
                "wrote "
                        + failures.rows()
                        + " predictions to "
                        + output
                        + " ("
                        + format
                        + " part files) in "
                        + String.format(Locale.ROOT, "%.1f", seconds)
                        + " s, "
                        + Math.round(failures.rows() / Math.max(seconds, 1e-9))
                        + " images/s");
        System.out.println("failed: " + failures.count() + " of " + failures.rows() + " rows");
        List<String> examples = failures.examples();
        int shown = Math.min(EXAMPLES, examples.size());
        for (int i = 0; i < shown; i++) {
            System.out.println("  " + examples.get(i));
        }
        if (failures.count() > shown) {
            System.out.println(
                    "  ... "
                            + (failures.count() - shown)
                            + " more"
                            + (format.equals("parquet") ? " (see the error column)" : ""));
        }
    }
}
