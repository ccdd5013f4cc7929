package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MainTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir Path folder;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(err, true), args);
    }

    private Path config(String yaml) throws IOException {
        Path file = folder.resolve("config.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String quickStart(int epochs) {
        Path data = EXAMPLES.resolve("fashion-mnist-small");
        return """
                data:
                  train: {images: %s/train.npy, labels: %s/train.csv}
                  test: {images: %s/test.npy}
                  validation: {size: 1000}
                train: {epochs: %d, batchSize: 64}
                """
                .formatted(data, data, data, epochs);
    }

    /**
     * Predicts the quick-start test images with {@code run}'s model and {@code --probabilities},
     * plus {@code options}, into {@code csv}; returns its lines.
     */
    private List<String> probabilities(Path run, Path csv, String... options) throws IOException {
        List<String> arguments =
                new ArrayList<>(
                        List.of(
                                "predict",
                                "--model",
                                run.toString(),
                                "--images",
                                EXAMPLES.resolve("fashion-mnist-small/test.npy").toString(),
                                "--probabilities",
                                "--output",
                                csv.toString()));
        arguments.addAll(List.of(options));
        assertThat(run(arguments.toArray(String[]::new))).as(err.toString()).isZero();
        return Files.readAllLines(csv);
    }

    @Test
    void trainsWritesTheRunFolderAndPredictsEveryTestImage() throws IOException {
        Path run = folder.resolve("run");
        assertThat(
                        run(
                                "train",
                                "--config",
                                config(quickStart(1)).toString(),
                                "--output",
                                run.toString()))
                .as(err.toString())
                .isZero();

        assertThat(run.resolve("config.yaml")).exists();
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(2);
        List<String> submission = Files.readAllLines(run.resolve("submission.csv"));
        assertThat(submission).hasSize(1001).startsWith("id,label");

        Path predictions = folder.resolve("predictions.csv");
        assertThat(
                        run(
                                "predict",
                                "--model",
                                run.toString(),
                                "--images",
                                EXAMPLES.resolve("fashion-mnist-small/test.npy").toString(),
                                "--output",
                                predictions.toString()))
                .as(err.toString())
                .isZero();
        assertThat(Files.readAllLines(predictions)).isEqualTo(submission);

        // Top-k and probabilities: the first of the k labels is the prediction, rows sum to 1.
        Path detailed = folder.resolve("detailed.csv");
        assertThat(
                        run(
                                "predict",
                                "--model",
                                run.toString(),
                                "--images",
                                EXAMPLES.resolve("fashion-mnist-small/test.npy").toString(),
                                "--top-k",
                                "2",
                                "--probabilities",
                                "--output",
                                detailed.toString()))
                .as(err.toString())
                .isZero();
        List<String> detail = Files.readAllLines(detailed);
        assertThat(detail.get(0)).isEqualTo("id,label,0,1,2,3,4,5,6,7,8,9");
        for (int i = 1; i < detail.size(); i++) {
            String[] cells = detail.get(i).split(",");
            String[] top = cells[1].split(" ");
            assertThat(top).hasSize(2);
            assertThat(cells[0] + "," + top[0]).isEqualTo(submission.get(i));
            double sum = 0;
            for (int c = 2; c < cells.length; c++) {
                sum += Double.parseDouble(cells[c]);
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
        }
        assertThat(
                        run(
                                "predict",
                                "--model",
                                run.toString(),
                                "--images",
                                EXAMPLES.resolve("fashion-mnist-small/test.npy").toString(),
                                "--tta",
                                "--output",
                                folder.resolve("tta.csv").toString()))
                .as(err.toString())
                .isZero();
        assertThat(Files.readAllLines(folder.resolve("tta.csv"))).hasSize(1001);
        // --tta flip is bare --tta (the mirror); shift adds views that change the probabilities.
        Map<String, List<String>> views = new HashMap<>();
        for (String tta : List.of("", "flip", "shift")) {
            Path csv = folder.resolve("tta-" + tta + ".csv");
            views.put(tta, probabilities(run, csv, tta.isEmpty() ? "--tta" : "--tta=" + tta));
        }
        assertThat(views.get("flip")).isEqualTo(views.get(""));
        assertThat(views.get("shift")).hasSize(1001).isNotEqualTo(views.get("flip"));
        err.getBuffer().setLength(0);
        assertThat(
                        run(
                                "predict",
                                "--model",
                                run.toString(),
                                "--images",
                                EXAMPLES.resolve("fashion-mnist-small/test.npy").toString(),
                                "--tta",
                                "flip,zoom",
                                "--output",
                                folder.resolve("zoom.csv").toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "--tta: unknown view 'zoom' in 'flip,zoom'; known: [flip, shift, shift2]");

        // A sample submission sets the header; its ids must be the images' ids, in order.
        StringBuilder sample = new StringBuilder("ImageId,Category\n");
        for (int id = 0; id < 1000; id++) {
            sample.append(id).append(",0\n");
        }
        Path samplePath = Files.writeString(folder.resolve("sample.csv"), sample);
        Path formatted = folder.resolve("formatted.csv");
        assertThat(
                        run(
                                "predict",
                                "--model",
                                run.toString(),
                                "--images",
                                EXAMPLES.resolve("fashion-mnist-small/test.npy").toString(),
                                "--sample",
                                samplePath.toString(),
                                "--output",
                                formatted.toString()))
                .as(err.toString())
                .isZero();
        List<String> rows = Files.readAllLines(formatted);
        assertThat(rows.get(0)).isEqualTo("ImageId,Category");
        assertThat(rows.subList(1, rows.size()))
                .isEqualTo(submission.subList(1, submission.size()));
        Files.writeString(samplePath, "id,label\n0,0\n2,0\n");
        assertThat(
                        run(
                                "predict",
                                "--model",
                                run.toString(),
                                "--images",
                                EXAMPLES.resolve("fashion-mnist-small/test.npy").toString(),
                                "--sample",
                                samplePath.toString(),
                                "--output",
                                folder.resolve("never.csv").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("sample.csv: 2 rows but there are 1000 images");
        assertThat(folder.resolve("never.csv")).doesNotExist();

        // The existing output is neither replaced without --force nor a used run folder reused.
        assertThat(
                        run(
                                "predict",
                                "--model",
                                run.toString(),
                                "--images",
                                EXAMPLES.resolve("fashion-mnist-small/test.npy").toString(),
                                "--output",
                                predictions.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("predictions.csv: exists; give --force to replace it");
        assertThat(
                        run(
                                "train",
                                "--config",
                                config(quickStart(1)).toString(),
                                "--output",
                                run.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("run folder exists and is not empty");
    }

    @Test
    void predictAndEvaluateUseTheViewsTheModelWasTrainedWithUnlessToldOtherwise()
            throws IOException {
        Path run = folder.resolve("run");
        assertThat(
                        run(
                                "train",
                                "--config",
                                config(quickStart(1)).toString(),
                                "--set",
                                "augment.tta=flip",
                                "--output",
                                run.toString()))
                .as(err.toString())
                .isZero();
        assertThat(Files.readString(run.resolve("model/classify-model.json")))
                .containsPattern("\"tta\" : \\[ \"flip\" \\]");
        String test = EXAMPLES.resolve("fashion-mnist-small/test.npy").toString();
        Map<String, List<String>> predicted = new HashMap<>();
        for (String tta : List.of("default", "flip", "none")) {
            Path csv = folder.resolve(tta + ".csv");
            predicted.put(
                    tta,
                    tta.equals("default")
                            ? probabilities(run, csv)
                            : probabilities(run, csv, "--tta=" + tta));
        }
        // The run's submission averaged the mirror; predict does by default, and not with none.
        assertThat(predicted.get("default")).isEqualTo(predicted.get("flip")).hasSize(1001);
        assertThat(predicted.get("none")).hasSize(1001).isNotEqualTo(predicted.get("flip"));
        List<String> submission = Files.readAllLines(run.resolve("submission.csv"));
        for (int i = 1; i < submission.size(); i++) {
            String[] cells = predicted.get("default").get(i).split(",");
            assertThat(cells[0] + "," + cells[1]).isEqualTo(submission.get(i));
        }

        Map<String, String> evaluated = new HashMap<>();
        for (String tta : List.of("default", "flip")) {
            Path out = folder.resolve("evaluate-" + tta);
            List<String> arguments =
                    new ArrayList<>(
                            List.of(
                                    "evaluate",
                                    "--model",
                                    run.toString(),
                                    "--images",
                                    test,
                                    "--labels",
                                    EXAMPLES.resolve("fashion-mnist-small/test-labels.csv")
                                            .toString(),
                                    "--output",
                                    out.toString()));
            if (!tta.equals("default")) {
                arguments.addAll(List.of("--tta", tta));
            }
            assertThat(run(arguments.toArray(String[]::new))).as(err.toString()).isZero();
            evaluated.put(tta, Files.readString(out.resolve("confusion.csv")));
        }
        assertThat(evaluated.get("default")).isEqualTo(evaluated.get("flip"));

        // A description naming a view this version does not know is one line naming the file.
        Path description = run.resolve("model/classify-model.json");
        Files.writeString(
                description, Files.readString(description).replace("\"flip\"", "\"mirror\""));
        err.getBuffer().setLength(0);
        assertThat(
                        run(
                                "predict",
                                "--model",
                                run.toString(),
                                "--images",
                                test,
                                "--output",
                                folder.resolve("mirror.csv").toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(description.toString())
                .contains("tta: unknown view 'mirror' in 'mirror'; known: [flip, shift, shift2]")
                .doesNotContain("Exception");
        assertThat(folder.resolve("mirror.csv")).doesNotExist();
    }

    @Test
    void resumesARunToMoreEpochsAndRefusesAFinishedOne() throws IOException {
        Path run = folder.resolve("run");
        assertThat(
                        run(
                                "train",
                                "--config",
                                config(quickStart(1)).toString(),
                                "--output",
                                run.toString()))
                .as(err.toString())
                .isZero();
        assertThat(run.resolve("checkpoints").resolve("last").resolve("state.json")).exists();

        assertThat(run("train", "--resume", run.toString(), "--set", "train.epochs=2"))
                .as(err.toString())
                .isZero();
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertThat(metrics).hasSize(3);
        assertThat(metrics.get(1)).startsWith("1,");
        assertThat(metrics.get(2)).startsWith("2,");
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("epochs: 2");

        assertThat(run("train", "--resume", run.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("already finished epoch 2; give --set train.epochs=N to extend");
    }

    @Test
    void resumeRefusesAnotherNetworkAndLeavesTheRunAsItWas() throws IOException {
        Path run = folder.resolve("run");
        assertThat(
                        run(
                                "train",
                                "--config",
                                config(quickStart(1)).toString(),
                                "--output",
                                run.toString()))
                .as(err.toString())
                .isZero();
        String configuration = Files.readString(run.resolve("config.yaml"));

        assertThat(
                        run(
                                "train",
                                "--resume",
                                run.toString(),
                                "--set",
                                "train.epochs=2",
                                "--set",
                                "model.kernelSize=3"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("model: differs from the network this run trained (model simple-cnn")
                .contains("resume without changing the model");
        assertThat(Files.readString(run.resolve("config.yaml"))).isEqualTo(configuration);
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(2);
    }

    @Test
    void aDamagedCheckpointIsBadInputNotAnInternalError() throws IOException {
        Path run = folder.resolve("run");
        assertThat(
                        run(
                                "train",
                                "--config",
                                config(quickStart(1)).toString(),
                                "--output",
                                run.toString()))
                .as(err.toString())
                .isZero();
        Path parameters = run.resolve("checkpoints").resolve("last").resolve("model-0000.params");
        byte[] bytes = Files.readAllBytes(parameters);
        Files.write(parameters, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThat(run("train", "--resume", run.toString(), "--set", "train.epochs=2"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("model-0000.params: cannot load the checkpoint parameters")
                .contains("the checkpoint is damaged: train again")
                .doesNotContain("(null)")
                .doesNotContain("internal error");
    }

    @Test
    void aTruncatedCheckpointStateIsOneLineWithoutJacksonsExcerpt() throws IOException {
        Path run = folder.resolve("run");
        assertThat(
                        run(
                                "train",
                                "--config",
                                config(quickStart(1)).toString(),
                                "--output",
                                run.toString()))
                .as(err.toString())
                .isZero();
        Path state = run.resolve("checkpoints").resolve("last").resolve("state.json");
        String text = Files.readString(state);
        Files.writeString(state, text.substring(0, text.length() / 2));
        err.getBuffer().setLength(0);

        assertThat(run("train", "--resume", run.toString(), "--set", "train.epochs=2"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("state.json: cannot read the checkpoint (")
                .contains(" at line ")
                .contains("the checkpoint is damaged: train again")
                .doesNotContain("Source")
                .doesNotContain("(null)");
        assertThat(err.toString().lines().filter(l -> l.startsWith("classify:"))).hasSize(1);
    }

    @Test
    void aTypoLabelOutsideTheClassesIsRefusedUnlessNumClassesSaysSo() throws IOException {
        List<String> lines =
                new java.util.ArrayList<>(
                        Files.readAllLines(EXAMPLES.resolve("fashion-mnist-small/train.csv")));
        lines.set(6, lines.get(6).replaceAll(",\\d+$", ",99"));
        Path labels = Files.write(folder.resolve("typo.csv"), lines);
        String config = config(quickStart(1)).toString();

        assertThat(
                        run(
                                "train",
                                "--config",
                                config,
                                "--output",
                                folder.resolve("typo").toString(),
                                "--set",
                                "data.train.labels=" + labels))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "typo.csv: the labels run from 0 to 99 but only 11 of those 100 classes"
                                + " have an image (class 10 has none); fix the labels, or set"
                                + " model.numClasses: 100");
    }

    @Test
    void aRunThatFailsBeforeItsFirstEpochLeavesNothingBehind() throws IOException {
        Path run = folder.resolve("failed");
        String[] command = {
            "train",
            "--config",
            config(quickStart(1)).toString(),
            "--output",
            run.toString(),
            "--set",
            "train.optimizer.learningRate=1e9"
        };
        assertThat(run(command)).isEqualTo(2);
        assertThat(err.toString())
                .contains("the training loss became")
                .contains("normalize's std is not tiny");
        assertThat(run)
                .satisfiesAnyOf(
                        path -> assertThat(path).doesNotExist(),
                        path -> assertThat(path).isEmptyDirectory());
        // The same command may run again (and fail the same way, not on a taken folder).
        assertThat(run(command)).isEqualTo(2);
        assertThat(err.toString()).doesNotContain("run folder exists");
    }

    @Test
    void resumeWithConfigOrOutputIsAUsageError() throws IOException {
        Path config = config(quickStart(1));
        assertThat(run("train", "--resume", folder.toString(), "--config", config.toString()))
                .isEqualTo(2);
        assertThat(run("train", "--resume", folder.toString(), "--output", "elsewhere"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("give it without --config and --output");
        assertThat(run("train", "--resume", folder.resolve("absent").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not a run folder");
    }

    @Test
    void aBadConfigurationExitsWithTwoListsEveryProblemAndLeavesNoRunFolder() throws IOException {
        Path run = folder.resolve("bad-run");
        Path file =
                config(
                        quickStart(1)
                                + """
                                model: {type: resnt}
                                """
                                        .replace("train: {epochs: 1, batchSize: 64}\n", ""));
        Files.writeString(
                file,
                Files.readString(file)
                        .replace(
                                "train: {epochs: 1, batchSize: 64}",
                                "train: {epoch: 1, batchSize: 0}"));

        assertThat(run("train", "--config", file.toString(), "--output", run.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("classify: train.epoch: unknown key 'epoch'; known: [")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(run).doesNotExist();
    }

    @Test
    void anUnknownModelListsTheKnownOnes() throws IOException {
        Path run = folder.resolve("run");
        Path file = config(quickStart(1) + "model: {type: resnt}\n");
        assertThat(run("train", "--config", file.toString(), "--output", run.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "classify: model.type: unknown model 'resnt'; known: [resnet, resnet9, se-resnet, simple-cnn]");
        assertThat(run).doesNotExist();
    }

    @Test
    void reportsModelAndAugmenterOptionsTogetherBeforeReadingData() throws IOException {
        // Found by a tester: the augmenter's problem hid kernelSize's, which came only after the
        // data had loaded.
        Path run = folder.resolve("run");
        Path file =
                config(
                        """
                        data:
                          train: {images: missing.npy, labels: missing.csv}
                        model: {type: simple-cnn, kernelSize: 4}
                        augment:
                          train: [{type: random-crop, size: -3}]
                        """);

        assertThat(run("train", "--config", file.toString(), "--output", run.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .isEqualToNormalizingNewlines(
                        """
                        classify: model.kernelSize: must be a positive odd number, got 4
                        classify: augment.train[0].size: must be positive, got -3
                        """);
        assertThat(run).doesNotExist();
    }

    @Test
    void missingDataIsOneLineNamingTheFile() throws IOException {
        Path file =
                config(
                        """
                        data:
                          train: {images: missing.npy, labels: missing.csv}
                        """);
        assertThat(
                        run(
                                "train",
                                "--config",
                                file.toString(),
                                "--output",
                                folder.resolve("r").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("missing.npy").hasLineCount(1);
    }

    @Test
    void predictWithoutAModelExitsWithTwo() {
        assertThat(
                        run(
                                "predict",
                                "--model",
                                folder.toString(),
                                "--images",
                                EXAMPLES.resolve("fashion-mnist-small/test.npy").toString(),
                                "--output",
                                folder.resolve("out.csv").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("no trained model here");
    }

    @Test
    void predictNeverWritesOverItsInputOrADevice() throws IOException {
        Path images = folder.resolve("test.npy");
        Files.copy(EXAMPLES.resolve("fashion-mnist-small/test.npy"), images);
        byte[] before = Files.readAllBytes(images);
        String model = folder.toString();

        assertThat(
                        run(
                                "predict",
                                "--model",
                                model,
                                "--images",
                                images.toString(),
                                "--output",
                                images.toString(),
                                "--force"))
                .isEqualTo(2);
        assertThat(
                        run(
                                "predict",
                                "--model",
                                model,
                                "--images",
                                images.toString(),
                                "--output",
                                "/dev/null",
                                "--force"))
                .isEqualTo(2);

        assertThat(err.toString())
                .contains("test.npy: is the --images file; give another --output")
                .contains("/dev/null: is not a regular file");
        assertThat(Files.readAllBytes(images)).isEqualTo(before);
    }

    @Test
    void aRunFolderThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(folder.resolve("afile.txt"), "keep");
        assertThat(
                        run(
                                "train",
                                "--config",
                                config(quickStart(1)).toString(),
                                "--output",
                                file.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("afile.txt: is a file, not a folder");
        assertThat(Files.readString(file)).isEqualTo("keep");
    }

    /** Runs the command line and returns what it printed on standard output. */
    private String output(String... args) {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        System.setOut(
                new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(run(args)).as(err.toString()).isZero();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void listsTheArchitecturesWithTheirOptions() {
        assertThat(output("models"))
                .contains("resnet: ResNet-18/34/50/101/152")
                .contains("se-resnet: ")
                .contains("simple-cnn: ")
                .contains("reduction")
                .contains("(default: [10, 20])");
    }

    @Test
    void topKRefusesClassNamesWithSpaces() throws IOException {
        // Fashion-MNIST's own class names: "Ankle boot" holds a space.
        String[] names = {
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"
        };
        Path data = EXAMPLES.resolve("fashion-mnist-small");
        List<String> lines = Files.readAllLines(data.resolve("train.csv"));
        List<String> named = new java.util.ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            named.add(cells[0] + "," + names[Integer.parseInt(cells[1])]);
        }
        Path labels = Files.write(folder.resolve("named.csv"), named);
        Path run = folder.resolve("named-run");
        String yaml =
                quickStart(1).replace(data.resolve("train.csv").toString(), labels.toString());
        assertThat(run("train", "--config", config(yaml).toString(), "--output", run.toString()))
                .as(err.toString())
                .isZero();
        String[] predict = {
            "predict",
            "--model",
            run.toString(),
            "--images",
            data.resolve("test.npy").toString(),
            "--output",
            folder.resolve("top.csv").toString(),
            "--top-k",
            "2"
        };

        assertThat(run(predict)).isEqualTo(2);
        assertThat(err.toString()).contains("--top-k 2: the class name 'Ankle boot' holds a space");
        assertThat(folder.resolve("top.csv")).doesNotExist();

        predict[predict.length - 1] = "1";
        assertThat(run(predict)).as(err.toString()).isZero();
        assertThat(Files.readAllLines(folder.resolve("top.csv"))).hasSize(1001);
    }

    @Test
    void aPluginFileThatIsNotAJarExitsWithTwoNamingIt() throws IOException {
        Path plugins = Files.createDirectory(folder.resolve("plugins"));
        Path bad = Files.writeString(plugins.resolve("bad.jar"), "not a zip");

        assertThat(run("models", "--plugins", plugins.toString())).isEqualTo(2);
        assertThat(err.toString().strip())
                .doesNotContain("\n")
                .contains(bad + " is not a readable jar")
                .contains("remove it from the plugins folder");

        err.getBuffer().setLength(0);
        assertThat(run("models", "--plugins", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(bad + ": is a file; give --plugins the folder");
    }

    @Test
    void summarisesAnArchitecture() {
        assertThat(output("summary", "--model", "simple-cnn"))
                .contains("Conv2d")
                .endsWith("parameters: 21840\nflops: 961000\n");
        assertThat(
                        output(
                                "summary",
                                "--model",
                                "se-resnet",
                                "--depth",
                                "34",
                                "--stem",
                                "imagenet",
                                "--input",
                                "3x224x224",
                                "--classes",
                                "1000"))
                .contains("parameters: 21958868\n");
        assertThat(output("summary", "--model", "simple-cnn", "--set", "channels=[16,32]"))
                .contains("(16, 24, 24)");
        assertThat(run("summary", "--model", "resnet", "--input", "3x100000x100000")).isEqualTo(2);
        assertThat(err.toString()).contains("is larger than 1024x1024");
        assertThat(run("summary", "--model", "resnet", "--depth", "21")).isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "model.depth: must be one of [18, 20, 32, 34, 44, 50, 56, 101, 110, 152]");
    }

    @Test
    void summaryMarksTheLayersFreezeWouldFix() {
        String table =
                output("summary", "--model", "resnet", "--depth", "20", "--freeze", "stem,stage1");
        assertThat(table)
                .startsWith("layer ")
                .contains("stem/conv ")
                .containsPattern("stage1/block3/residual/bn2 .*  frozen\n")
                .containsPattern("\nstage2/block1/residual/conv1 .*[0-9]\n")
                .containsPattern("parameters: 272186 \\(trainable [0-9]+\\)\n");
        assertThat(run("summary", "--model", "resnet", "--depth", "20", "--freeze", "stem,stage9"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "--freeze: unknown layer 'stage9'; the network's layers are [stem, stage1,"
                                + " stage2, stage3, pool, flatten, classifier]");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("fly")).isEqualTo(2);
        assertThat(run("predict", "--model", "x")).isEqualTo(2);
        assertThat(run("train", "--config", folder.resolve("absent.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("absent.yaml: configuration file not found");
    }
}
