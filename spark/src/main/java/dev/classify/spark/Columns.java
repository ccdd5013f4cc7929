package dev.classify.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The column names and schemas of the inputs and of the predictions. */
final class Columns {
    static final String ID = "id";
    static final String CONTENT = "content";
    static final String PATH = "path";
    static final String FIRST_ROW = "first_row";
    static final String ROW_COUNT = "row_count";
    static final String ID_PREFIX = "id_prefix";
    static final String LABEL = "label";
    static final String PROBABILITY = "probability";
    static final String TOP_K = "top_k";
    static final String PROBABILITIES = "probabilities";
    static final String ERROR = "error";

    /** Row ranges of {@code .npy} files: one row per task's share. */
    static final StructType NPY_RANGES =
            new StructType(
                    new StructField[] {
                        DataTypes.createStructField(PATH, DataTypes.StringType, false),
                        DataTypes.createStructField(FIRST_ROW, DataTypes.LongType, false),
                        DataTypes.createStructField(ROW_COUNT, DataTypes.IntegerType, false),
                        DataTypes.createStructField(ID_PREFIX, DataTypes.StringType, false)
                    });

    private Columns() {}

    /** The predictions' schema for {@code options}. */
    static StructType predictions(PredictOptions options) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(ID, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(LABEL, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(PROBABILITY, DataTypes.FloatType, true));
        if (options.topK() > 1) {
            fields.add(
                    DataTypes.createStructField(
                            TOP_K, DataTypes.createArrayType(DataTypes.StringType, false), true));
        }
        if (options.probabilities()) {
            fields.add(
                    DataTypes.createStructField(
                            PROBABILITIES,
                            DataTypes.createArrayType(DataTypes.FloatType, false),
                            true));
        }
        fields.add(DataTypes.createStructField(ERROR, DataTypes.StringType, true));
        return new StructType(fields.toArray(StructField[]::new));
    }

    /** Whether {@code schema} has every one of {@code names}. */
    static boolean has(StructType schema, String... names) {
        List<String> fields = Arrays.asList(schema.fieldNames());
        return fields.containsAll(Arrays.asList(names));
    }
}
