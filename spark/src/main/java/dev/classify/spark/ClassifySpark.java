package dev.classify.spark;

import static java.util.Objects.requireNonNull;

import dev.classify.engine.embed.ImageClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Batch prediction with a classify model on Apache Spark: one {@link ImageClassifier} per executor
 * JVM, shared by the partitions it runs, giving {@code classify predict}'s labels and
 * probabilities.
 *
 * <pre>{@code
 * Dataset<Row> images = ClassifySpark.imageFiles(spark, "s3a://bucket/photos");
 * Dataset<Row> predictions =
 *         ClassifySpark.predict(spark, images, "s3a://bucket/runs/quickstart",
 *                 PredictOptions.defaults().withTopK(3));
 * predictions.select("id", "label").write().option("header", true).csv("s3a://bucket/out");
 * }</pre>
 *
 * <p>The model (a run folder or its {@code model/}) is named by a path each JVM can reach: a local
 * path, a Hadoop path ({@code hdfs://}, {@code s3a://}: copied once per executor to local disk) or
 * the name of an archive shipped with {@code spark-submit --archives model.zip#model}. The plugins
 * it needs come from the class path ({@code spark-submit --jars}) or {@link
 * PredictOptions#withPluginDirectory}. Set the engine's threads to the executor's cores with {@code
 * spark.executorEnv.OMP_NUM_THREADS} ({@code PredictJob} does).
 *
 * <p>Thread safety: the methods are static and stateless; call them on the driver.
 */
public final class ClassifySpark {
    private static final String IMAGE_FILES = "*.{png,jpg,jpeg,bmp,gif,PNG,JPG,JPEG,BMP,GIF}";

    private ClassifySpark() {}

    /**
     * Image files (PNG, JPEG, BMP, GIF) under {@code pathOrGlob}, a folder (read with its
     * sub-folders) or a glob on any Hadoop file system, read with Spark's {@code binaryFile}
     * source: columns {@code id} (the path relative to the folder, or to the glob's part before its
     * first wildcard), {@code path} and {@code content} (the file's bytes). Lazy.
     */
    public static Dataset<Row> imageFiles(SparkSession spark, String pathOrGlob) {
        requireNonNull(spark, "spark is null");
        requireNonNull(pathOrGlob, "pathOrGlob is null");
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(pathOrGlob);
        String base;
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            base = InputRoots.base(root, fs).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String prefix = base.endsWith("/") ? base : base + "/";
        Column path = functions.col(Columns.PATH);
        Column id =
                functions
                        .when(path.startsWith(prefix), path.substr(prefix.length() + 1, 1 << 30))
                        .otherwise(functions.element_at(functions.split(path, "/"), -1));
        return spark.read()
                .format("binaryFile")
                .option("pathGlobFilter", IMAGE_FILES)
                .option("recursiveFileLookup", "true")
                .load(pathOrGlob)
                .select(id.as(Columns.ID), path, functions.col(Columns.CONTENT));
    }

    /**
     * The rows of the {@code .npy} files {@code pathOrGlob} names (a file, a folder of them or a
     * glob, on any Hadoop file system) as row ranges, one per task: columns {@code path}, {@code
     * first_row}, {@code row_count} and {@code id_prefix}. Only the headers are read here; each
     * task reads its own rows. Ids are the row numbers for one file (as {@code classify
     * predict}'s), {@code relative/path.npy:row} for several.
     *
     * @param rowsPerRange rows per task, or 0 to choose: about two ranges per core, at most 64 MB
     *     each, in multiples of {@value ImageClassifier#BATCH_SIZE} rows
     * @throws dev.classify.api.InvalidDataException when no file matches or a header is bad
     */
    public static Dataset<Row> npyRows(SparkSession spark, String pathOrGlob, int rowsPerRange) {
        requireNonNull(spark, "spark is null");
        requireNonNull(pathOrGlob, "pathOrGlob is null");
        if (rowsPerRange < 0) {
            throw new IllegalArgumentException(
                    "rows per range must not be negative, got " + rowsPerRange);
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Row> ranges;
        try {
            ranges =
                    NpyRanges.plan(
                            pathOrGlob,
                            context.hadoopConfiguration(),
                            rowsPerRange,
                            context.defaultParallelism(),
                            ImageClassifier.BATCH_SIZE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaRDD<Row> rdd = context.parallelize(ranges, Math.max(1, ranges.size()));
        return spark.createDataFrame(rdd, Columns.NPY_RANGES);
    }

    /**
     * Classifies every image of {@code images} ({@link #imageFiles} or {@link #npyRows}, or any
     * data set with their columns) with the model at {@code modelPath}: columns {@code id}, {@code
     * label}, {@code probability} (float), with the options' {@code top_k} (array of class names)
     * and {@code probabilities} (array of floats, by class index), and {@code error}: null, or for
     * an image that could not be read (a file that does not decode, rows past the end of a file cut
     * short) the file and the problem, with an empty label. One output row per image, each
     * partition's in input order. Lazy: runs when the result is written or collected.
     *
     * <p>Loads the model once on the driver first, so that a missing or broken model, or one whose
     * plugins are absent, fails here, before any task runs.
     *
     * @throws dev.classify.api.InvalidDataException when the model is missing or broken or needs a
     *     plugin that is not installed
     * @throws IllegalArgumentException when {@code images} has neither input's columns
     */
    public static Dataset<Row> predict(
            SparkSession spark, Dataset<Row> images, String modelPath, PredictOptions options) {
        requireNonNull(modelPath, "modelPath is null");
        return predict(spark, images, List.of(modelPath), options, Failures.none());
    }

    /**
     * Classifies every image of {@code images} as {@link #predict(SparkSession, Dataset, String,
     * PredictOptions)} does, with an ensemble of the models at {@code modelPaths} (each named as
     * there): each image's class probabilities are the mean of the models', each model averaged
     * over its own test-time views, as {@code classify predict} with {@code --model} given once per
     * model. Each executor loads every model once.
     *
     * @throws dev.classify.api.InvalidDataException when a model is missing or broken, needs a
     *     plugin that is not installed, or has other classes or image shape than the first model
     *     (naming its folder)
     * @throws IllegalArgumentException when {@code modelPaths} is empty or {@code images} has
     *     neither input's columns
     */
    public static Dataset<Row> predict(
            SparkSession spark,
            Dataset<Row> images,
            List<String> modelPaths,
            PredictOptions options) {
        return predict(spark, images, modelPaths, options, Failures.none());
    }

    static Dataset<Row> predict(
            SparkSession spark,
            Dataset<Row> images,
            List<String> modelPaths,
            PredictOptions options,
            Failures failures) {
        requireNonNull(spark, "spark is null");
        requireNonNull(images, "images is null");
        List<String> models = List.copyOf(modelPaths);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("modelPaths is empty: give at least one model");
        }
        requireNonNull(options, "options is null");
        StructType schema = images.schema();
        boolean npy =
                Columns.has(
                        schema,
                        Columns.PATH,
                        Columns.FIRST_ROW,
                        Columns.ROW_COUNT,
                        Columns.ID_PREFIX);
        if (!npy && !Columns.has(schema, Columns.ID, Columns.PATH, Columns.CONTENT)) {
            throw new IllegalArgumentException(
                    "images must have the columns of ClassifySpark.imageFiles (id, path, content)"
                            + " or of ClassifySpark.npyRows (path, first_row, row_count,"
                            + " id_prefix); got "
                            + schema.simpleString());
        }
        HadoopSettings hadoop = new HadoopSettings(spark.sparkContext().hadoopConfiguration());
        // On the driver: fails now for a missing model or plugin (and in local mode loads the
        // classifier the tasks share).
        ExecutorClassifiers.get(models, options.pluginDirectory().orElse(null), hadoop);
        return images.mapPartitions(
                new PartitionPredictor(models, options, hadoop, failures, npy),
                Encoders.row(Columns.predictions(options)));
    }
}
