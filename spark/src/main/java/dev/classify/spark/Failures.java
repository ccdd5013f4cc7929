package dev.classify.spark;

import java.io.Serializable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Counts the rows written and those that failed across all tasks, keeping the first few messages,
 * for the job's last line. Accumulators: a task run twice (retried or speculative) may count its
 * failures twice.
 */
final class Failures implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Messages each task keeps at most. */
    static final int EXAMPLES_PER_TASK = 3;

    private final LongAccumulator rows;
    private final LongAccumulator count;
    private final CollectionAccumulator<String> examples;
    private transient int keptHere;

    private Failures(
            LongAccumulator rows, LongAccumulator count, CollectionAccumulator<String> examples) {
        this.rows = rows;
        this.count = count;
        this.examples = examples;
    }

    /** New counters registered with {@code spark}'s context. */
    static Failures register(SparkSession spark) {
        return new Failures(
                spark.sparkContext().longAccumulator("classify rows"),
                spark.sparkContext().longAccumulator("classify failed rows"),
                spark.sparkContext().collectionAccumulator("classify failures"));
    }

    /** No counting: for {@link ClassifySpark#predict} called from an application. */
    static Failures none() {
        return new Failures(null, null, null);
    }

    /** Counts one row written, failed or not. */
    void row() {
        if (rows != null) {
            rows.add(1);
        }
    }

    /** Counts one failed row (and keeps its message while this task has kept few). */
    void add(String error) {
        if (count == null) {
            return;
        }
        count.add(1);
        if (keptHere < EXAMPLES_PER_TASK) {
            keptHere++;
            examples.add(error);
        }
    }

    /** The rows written, failed or not. */
    long rows() {
        return rows.value();
    }

    /** The failed rows. */
    long count() {
        return count.value();
    }

    /** Some of the failures' messages. */
    java.util.List<String> examples() {
        return examples.value();
    }
}
