package dev.classify.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ClassifySpark} in local mode ({@code local[2]}) against {@code classify predict}'s code
 * path on the same 2,000 images: from a PNG folder holding a corrupt file too, and from one {@code
 * .npy} file in row ranges.
 */
final class ClassifySparkTest {
    private static Fixture fixture;
    private static SparkSession spark;

    @BeforeAll
    static void start() throws IOException {
        fixture = Fixture.get();
        spark =
                SparkSession.builder()
                        .master("local[2]")
                        .appName("ClassifySparkTest")
                        .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void pngFolderGivesPredictsLabelsAndProbabilitiesAndOneErrorRow() {
        List<Row> rows =
                ClassifySpark.predict(
                                spark,
                                ClassifySpark.imageFiles(spark, fixture.mixed.toString()),
                                fixture.run.toString(),
                                PredictOptions.defaults().withProbabilities(true).withTopK(3))
                        .collectAsList();

        assertThat(rows).hasSize(Fixture.IMAGES + 1);
        Map<String, Row> byId = byId(rows);
        Row corrupt = byId.remove(Fixture.CORRUPT);
        assertThat(corrupt.<String>getAs("label")).isEmpty();
        assertThat(corrupt.<Object>getAs("probability")).isNull();
        assertThat(corrupt.<String>getAs("error"))
                .startsWith("file:" + fixture.mixed.resolve(Fixture.CORRUPT))
                .contains("cannot decode the image");
        assertMatches(byId, fixture.expectedPng);
        Row first = byId.get("0000.png");
        List<String> top = first.getList(first.fieldIndex("top_k"));
        assertThat(top).hasSize(3).startsWith(first.<String>getAs("label"));
    }

    @Test
    void oneNpyFileInRowRangesGivesPredictsLabelsAndProbabilities() {
        var ranges = ClassifySpark.npyRows(spark, fixture.npy.toString(), 0);
        assertThat(ranges.count()).isGreaterThanOrEqualTo(4);
        assertThat(ranges.rdd().getNumPartitions()).isEqualTo((int) ranges.count());

        List<Row> rows =
                ClassifySpark.predict(
                                spark,
                                ranges,
                                fixture.run.toString(),
                                PredictOptions.defaults().withProbabilities(true))
                        .collectAsList();

        assertThat(rows).hasSize(Fixture.IMAGES);
        assertThat(rows.get(0).<String>getAs("id")).isEqualTo("0");
        assertThat(rows.get(Fixture.IMAGES - 1).<String>getAs("id"))
                .isEqualTo(String.valueOf(Fixture.IMAGES - 1));
        assertMatches(byId(rows), fixture.expectedNpy);
    }

    @Test
    void anEnsembleGivesTheMeanOfItsModelsProbabilities() throws IOException {
        Path second = fixture.secondRun();

        List<Row> rows =
                ClassifySpark.predict(
                                spark,
                                ClassifySpark.npyRows(spark, fixture.npy.toString(), 0),
                                List.of(fixture.run.toString(), second.toString()),
                                PredictOptions.defaults().withProbabilities(true))
                        .collectAsList();

        assertThat(rows).hasSize(Fixture.IMAGES);
        assertMatches(byId(rows), fixture.expectedNpyEnsemble);
        // The second model changes the probabilities: the ensemble is not the first model alone.
        double largest = 0;
        for (Map.Entry<String, float[]> entry : fixture.expectedNpy.entrySet()) {
            float[] mean = fixture.expectedNpyEnsemble.get(entry.getKey());
            for (int c = 0; c < mean.length; c++) {
                largest = Math.max(largest, Math.abs(mean[c] - entry.getValue()[c]));
            }
        }
        assertThat(largest).isGreaterThan(0.01);
    }

    @Test
    void findsAModelShippedAsFilesByTheNameOfItsDescription() throws IOException {
        Path model = fixture.run.resolve("model");
        spark.sparkContext().addFile(model.resolve("classify-model.json").toString());
        spark.sparkContext().addFile(model.resolve("model-0000.params").toString());

        Path found =
                ModelFolder.local(
                        "classify-model.json", spark.sparkContext().hadoopConfiguration());

        assertThat(found.resolve("model-0000.params")).exists();
        assertThat(found).isNotEqualTo(model);
    }

    private static Map<String, Row> byId(List<Row> rows) {
        Map<String, Row> byId = new HashMap<>();
        for (Row row : rows) {
            assertThat(byId.put(row.getAs("id"), row)).isNull();
        }
        return byId;
    }

    /** Every id's label is predict's best class and every probability within 1e-6 of predict's. */
    private static void assertMatches(Map<String, Row> byId, Map<String, float[]> expected) {
        assertThat(byId.keySet()).isEqualTo(expected.keySet());
        double largest = 0;
        for (Map.Entry<String, float[]> entry : expected.entrySet()) {
            Row row = byId.get(entry.getKey());
            float[] want = entry.getValue();
            int best = 0;
            for (int c = 1; c < want.length; c++) {
                best = want[c] > want[best] ? c : best;
            }
            assertThat(row.<String>getAs("error")).isNull();
            assertThat(row.<String>getAs("label")).isEqualTo(fixture.classNames.get(best));
            List<Float> got = row.getList(row.fieldIndex("probabilities"));
            for (int c = 0; c < want.length; c++) {
                largest = Math.max(largest, Math.abs(got.get(c) - want[c]));
            }
            assertThat(row.<Float>getAs("probability")).isCloseTo(want[best], within(1e-6f));
        }
        assertThat(largest).isLessThanOrEqualTo(1e-6);
    }
}
