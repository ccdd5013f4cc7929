package dev.classify.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.ConfigurationWriter;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.config.ValidationConfig;
import dev.classify.engine.train.PreparedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kinds of {@code data.validation} on the committed quick-start subset (6,000 training images,
 * 600 per class; 1,000 labelled test images): a drawn hold-out, stratified or not, a written {@code
 * holdout.csv} read back with {@code ids}, and validation files of their own. Only {@link
 * Classify#prepare} runs: no training.
 */
final class ValidationSourcesTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private static final String CONFIG =
            """
            data:
              train:
                images: fashion-mnist-small/train.npy
                labels: fashion-mnist-small/train.csv
            model: {type: simple-cnn}
            train: {device: cpu}
            """;

    private static Classify pipeline;

    @TempDir Path folder;

    @BeforeAll
    static void createPipeline() {
        pipeline = Classify.forClassPath();
    }

    private static PipelineConfig config(String... overrides) {
        return new ConfigurationLoader(Classify.forClassPath().catalog())
                .parse(CONFIG, EXAMPLES, List.of(overrides), Path.of("validation-test.yaml"));
    }

    private static List<String> ids(PreparedRun prepared) {
        List<String> ids = new ArrayList<>();
        for (int index : prepared.split().validation()) {
            ids.add(prepared.train().id(index));
        }
        return ids;
    }

    @Test
    void theSameSeedHoldsOutTheSameIdsAndTheFileReproducesThem() throws IOException {
        PreparedRun first = pipeline.prepare(config("data.validation={size: 500, seed: 7}"));
        PreparedRun second = pipeline.prepare(config("data.validation={size: 500, seed: 7}"));
        PreparedRun other = pipeline.prepare(config("data.validation={size: 500, seed: 8}"));

        assertThat(ids(first)).hasSize(500).isEqualTo(ids(second)).isNotEqualTo(ids(other));

        Path file = folder.resolve(HoldOutFile.FILE_NAME);
        HoldOutFile.write(file, first.train(), first.split());
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("id");
        assertThat(lines.subList(1, lines.size())).isEqualTo(ids(first));

        // --set data.validation.ids drops the drawn hold-out's keys.
        PreparedRun reused =
                pipeline.prepare(
                        config(
                                "data.validation={size: 500, seed: 7}",
                                "data.validation.ids=" + file));
        assertThat(reused.split().validation()).isEqualTo(first.split().validation());
        assertThat(reused.split().train()).isEqualTo(first.split().train());
        assertThat(reused.config().data().validation().ids()).isEqualTo(file.toString());
    }

    @Test
    void stratifiedHoldsOutATenthOfEveryClass() {
        PreparedRun prepared =
                pipeline.prepare(config("data.validation={fraction: 0.1, stratified: true}"));

        int[] counts = new int[10];
        for (int index : prepared.split().validation()) {
            counts[prepared.train().label(index)]++;
        }
        // The subset has 600 images of each class.
        assertThat(counts).containsOnly(60);
        PreparedRun again =
                pipeline.prepare(config("data.validation={fraction: 0.1, stratified: true}"));
        assertThat(again.split().validation()).isEqualTo(prepared.split().validation());

        // The run's config.yaml keeps the stratification and reads back to the same hold-out.
        String written = new ConfigurationWriter().write(prepared.config());
        assertThat(written).contains("stratified: true");
        PipelineConfig reread =
                new ConfigurationLoader()
                        .parse(written, EXAMPLES, List.of(), Path.of("config.yaml"));
        assertThat(reread.data().validation()).isEqualTo(prepared.config().data().validation());
    }

    @Test
    void validationFilesOfTheirOwnFollowTheTrainingImages() {
        PreparedRun prepared =
                pipeline.prepare(
                        config(
                                "data.validation={images: fashion-mnist-small/test.npy, labels:"
                                        + " fashion-mnist-small/test-labels.csv}"));

        assertThat(prepared.split().train()).hasSize(6000);
        assertThat(prepared.split().validation()).hasSize(1000);
        assertThat(prepared.split().validation()[0]).isEqualTo(6000);
        assertThat(prepared.train().size()).isEqualTo(7000);
        // test-labels.csv: id 0 has label 1.
        assertThat(prepared.train().label(6000)).isEqualTo(1);
        assertThat(prepared.train().id(6000)).isEqualTo("0");
        assertThat(new ConfigurationWriter().write(prepared.config()))
                .contains("validation:\n    type: npy\n    images: ")
                .doesNotContain("seed: 42\n  test");
    }

    @Test
    void aValidationClassNotSeenInTrainingIsNamed() throws IOException {
        Path labels = folder.resolve("labels.csv");
        StringBuilder text = new StringBuilder("id,label\n");
        for (int id = 0; id < 1000; id++) {
            text.append(id).append(',').append(id == 3 ? 10 : id % 10).append('\n');
        }
        Files.writeString(labels, text);

        assertThatThrownBy(
                        () ->
                                pipeline.prepare(
                                        config(
                                                "data.validation={images:"
                                                        + " fashion-mnist-small/test.npy,"
                                                        + " labels: "
                                                        + labels
                                                        + "}")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        labels
                                + ": validation image 3 has class '10', which no training image"
                                + " has; the training classes are [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];"
                                + " give validation images of the training classes");
    }

    @Test
    void validationFilesExcludeTheHoldOutKeys() {
        assertThatThrownBy(
                        () ->
                                config(
                                        "data.validation={images: x.npy, labels: x.csv, size: 5,"
                                                + " stratified: true}"))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(
                        e ->
                                assertThat(((ConfigurationException) e).problems())
                                        .containsExactly(
                                                "data.validation.size: draws or lists a hold-out"
                                                        + " from data.train, but"
                                                        + " data.validation.images gives"
                                                        + " validation files of their own;"
                                                        + " remove size or images",
                                                "data.validation.stratified: draws or lists a"
                                                        + " hold-out from data.train, but"
                                                        + " data.validation.images gives"
                                                        + " validation files of their own;"
                                                        + " remove stratified or images"));
        assertThatThrownBy(() -> config("data.validation={ids: holdout.csv, fraction: 0.2}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "data.validation.ids: holds out the images a file lists; remove size,"
                                + " fraction and stratified");
        assertThat(config("data.validation={stratified: true}").data().validation())
                .isEqualTo(new ValidationConfig(null, null, 42L, true, null, null));
    }

    @Test
    void aHoldOutFileWithAnUnknownOrRepeatedIdIsRejected() throws IOException {
        PreparedRun prepared = pipeline.prepare(config("data.validation={size: 0}"));
        Path file = folder.resolve("holdout.csv");

        Files.writeString(file, "id\n3\n6000\n");
        assertThatThrownBy(() -> HoldOutFile.read(file, prepared.train()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        file
                                + ": line 3: id '6000' is not an image of data.train; give the"
                                + " holdout.csv of a run on these training images");

        Files.writeString(file, "id\n3\n4\n3\n");
        assertThatThrownBy(() -> HoldOutFile.read(file, prepared.train()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        file + ": line 4: duplicate id '3', first on line 2; list each image once");

        Files.writeString(file, "image\n3\n");
        assertThatThrownBy(() -> HoldOutFile.read(file, prepared.train()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        file
                                + ": no column 'id' in the header row; found [image]; give a"
                                + " holdout.csv written by classify train (header id, one id per"
                                + " row)");

        Path missing = folder.resolve("missing.csv");
        assertThatThrownBy(() -> HoldOutFile.read(missing, prepared.train()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(missing + ": file not found; check data.validation.ids");
    }
}
