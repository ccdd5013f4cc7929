package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.classify.engine.embed.ImageClassifier;
import dev.classify.engine.model.weights.TorchvisionFixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code classify import} of networks torchvision wrote ({@code tools/torchvision_fixtures.py}),
 * then {@code classify predict --probabilities}: torchvision's probabilities.
 */
final class ImportCommandTest {
    @TempDir Path folder;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(err, true), args);
    }

    private TorchvisionFixtures.Fixture fixture(String name) throws IOException {
        return TorchvisionFixtures.small(folder.resolve("fixtures")).stream()
                .filter(f -> f.name().startsWith(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void predictsTorchvisionsProbabilitiesFromAnNpyOfPixels() throws IOException {
        TorchvisionFixtures.Fixture resnet = fixture("resnet18");
        Path classes =
                Files.writeString(folder.resolve("classes.txt"), "cat\ndog\nfox\nowl\nyak\n");
        Path model = folder.resolve("imported");
        Path predictions = folder.resolve("predictions.csv");

        assertThat(
                        run(
                                "import",
                                "--weights",
                                resnet.weights().toString(),
                                "--model",
                                "resnet",
                                "--input",
                                "3x64x64",
                                "--classes",
                                classes.toString(),
                                "--output",
                                model.toString()))
                .as(err.toString())
                .isZero();
        assertThat(
                        run(
                                "predict",
                                "--model",
                                model.toString(),
                                "--images",
                                resnet.pixels().toString(),
                                "--probabilities",
                                "--engine",
                                "PyTorch",
                                "--output",
                                predictions.toString()))
                .as(err.toString())
                .isZero();

        List<String> rows = Files.readAllLines(predictions);
        assertThat(rows.get(0)).isEqualTo("id,label,cat,dog,fox,owl,yak");
        assertProbabilities(rows, TorchvisionFixtures.matrix(resnet.logprobs()));
    }

    @Test
    void predictsTorchvisionsProbabilitiesFromImageFiles() throws IOException {
        TorchvisionFixtures.Fixture seResNet = fixture("seresnet50");
        Path images = pngs(seResNet.pixels(), folder.resolve("images"));
        Path model = folder.resolve("imported");
        Path predictions = folder.resolve("predictions.csv");

        assertThat(
                        run(
                                "import",
                                "--weights",
                                seResNet.weights().toString(),
                                "--model",
                                "se-resnet",
                                "--input",
                                "3x32x32",
                                "--engine",
                                "PyTorch",
                                "--output",
                                model.toString()))
                .as(err.toString())
                .isZero();
        assertThat(
                        run(
                                "predict",
                                "--model",
                                model.toString(),
                                "--images",
                                images.toString(),
                                "--probabilities",
                                "--output",
                                predictions.toString()))
                .as(err.toString())
                .isZero();

        List<String> rows = Files.readAllLines(predictions);
        assertThat(rows.get(0)).isEqualTo("id,label,0,1,2,3");
        assertThat(rows.get(1)).startsWith("0.png,");
        float[][] logprobs = TorchvisionFixtures.matrix(seResNet.logprobs());
        assertProbabilities(rows, logprobs);
        // The embedding API loads the imported folder as a trained one.
        List<BufferedImage> pictures = new java.util.ArrayList<>();
        for (int i = 0; i < logprobs.length; i++) {
            pictures.add(ImageIO.read(images.resolve(i + ".png").toFile()));
        }
        try (ImageClassifier classifier = ImageClassifier.load(model)) {
            float[][] probabilities = classifier.probabilities(pictures);
            for (int i = 0; i < logprobs.length; i++) {
                for (int k = 0; k < logprobs[i].length; k++) {
                    assertThat(Math.log(probabilities[i][k]))
                            .isCloseTo(logprobs[i][k], org.assertj.core.data.Offset.offset(1e-3));
                }
            }
        }
    }

    /** Each row's probabilities (6 decimals) are torchvision's log-probabilities exponentiated. */
    private static void assertProbabilities(List<String> rows, float[][] logprobs) {
        assertThat(rows).hasSize(logprobs.length + 1);
        for (int i = 0; i < logprobs.length; i++) {
            String[] cells = rows.get(i + 1).split(",");
            for (int k = 0; k < logprobs[i].length; k++) {
                assertThat(Double.parseDouble(cells[2 + k]))
                        .isCloseTo(
                                Math.exp(logprobs[i][k]),
                                org.assertj.core.data.Offset.offset(2e-6));
            }
        }
    }

    /** Writes the uint8 (N, H, W, 3) images of {@code npy} as {@code 0.png}, {@code 1.png}... */
    private static Path pngs(Path npy, Path images) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(npy));
        int headerLength = (bytes.get(8) & 0xff) | (bytes.get(9) & 0xff) << 8;
        String header =
                new String(
                        bytes.array(),
                        10,
                        headerLength,
                        java.nio.charset.StandardCharsets.US_ASCII);
        String[] shape =
                header.replaceAll(".*'shape': \\((\\d+), (\\d+), (\\d+), 3\\).*", "$1 $2 $3")
                        .trim()
                        .split(" ");
        int count = Integer.parseInt(shape[0]);
        int height = Integer.parseInt(shape[1]);
        int width = Integer.parseInt(shape[2]);
        Files.createDirectories(images);
        int offset = 10 + headerLength;
        for (int n = 0; n < count; n++) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int at = offset + ((n * height + y) * width + x) * 3;
                    int rgb =
                            (bytes.get(at) & 0xff) << 16
                                    | (bytes.get(at + 1) & 0xff) << 8
                                    | (bytes.get(at + 2) & 0xff);
                    image.setRGB(x, y, rgb);
                }
            }
            ImageIO.write(image, "png", images.resolve(n + ".png").toFile());
        }
        return images;
    }

    @Test
    void listsEveryTensorTheFileLacksOrHasInExcessAndWritesNothing() throws IOException {
        TorchvisionFixtures.Fixture resnet = fixture("resnet18");
        Path model = folder.resolve("out").resolve("model");

        int code =
                run(
                        "import",
                        "--weights",
                        resnet.weights().toString(),
                        "--model",
                        "se-resnet",
                        "--input",
                        "3x64x64",
                        "--output",
                        model.toString());

        assertThat(code).isEqualTo(2);
        List<String> lines = err.toString().lines().toList();
        // 8 basic units of resnet-18, each with a squeeze-and-excitation block of 4 tensors.
        assertThat(lines).hasSize(8 * 4 + 1);
        assertThat(lines.get(0))
                .isEqualTo(
                        "classify: "
                                + resnet.weights()
                                + ": missing tensor layer1.0.se.fc1.weight, expected shape (1, 8,"
                                + " 1, 1)");
        assertThat(lines.get(lines.size() - 1))
                .endsWith(
                        ": 32 missing, 0 unexpected and 0 misshapen tensors: the file does not"
                                + " hold this se-resnet; check the model type, its depth, stem"
                                + " and width, and the input channels");
        assertThat(folder.resolve("out")).doesNotExist();
    }

    @Test
    void refusesAPickleCheckpointInOneLine() throws IOException {
        Path checkpoint =
                Files.write(
                        folder.resolve("resnet18.pth"),
                        new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0});

        int code =
                run(
                        "import",
                        "--weights",
                        checkpoint.toString(),
                        "--model",
                        "resnet",
                        "--input",
                        "3x224x224",
                        "--output",
                        folder.resolve("model").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines().toList())
                .containsExactly(
                        "classify: "
                                + checkpoint
                                + ": is a PyTorch checkpoint (a zip of pickles), which classify"
                                + " never unpickles (unpickling runs code); convert it to"
                                + " safetensors with: python3 -c \"import sys, torch; from"
                                + " safetensors.torch import save_file;"
                                + " save_file(torch.load(sys.argv[1], map_location='cpu'),"
                                + " sys.argv[2])\" IN.pt OUT.safetensors");
    }

    @Test
    void refusesNamedPipesAsWeightsAndClassNamesInsteadOfWaitingOnThem() throws Exception {
        TorchvisionFixtures.Fixture resnet = fixture("resnet18");
        Path pipe = folder.resolve("w.safetensors");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        Path model = folder.resolve("model");

        int weights =
                run(
                        "import",
                        "--weights",
                        pipe.toString(),
                        "--model",
                        "resnet",
                        "--input",
                        "3x64x64",
                        "--output",
                        model.toString());
        int classes =
                run(
                        "import",
                        "--weights",
                        resnet.weights().toString(),
                        "--model",
                        "resnet",
                        "--input",
                        "3x64x64",
                        "--classes",
                        pipe.toString(),
                        "--output",
                        model.toString());

        assertThat(weights).isEqualTo(2);
        assertThat(classes).isEqualTo(2);
        assertThat(err.toString().lines().toList())
                .containsExactly(
                        "classify: "
                                + pipe
                                + ": is not a regular file but a device, pipe or socket, which may"
                                + " never end; give a .safetensors file",
                        "classify: "
                                + pipe
                                + ": is not a regular file but a device, pipe or socket, which may"
                                + " never end; give a text file of class names");
        assertThat(model).doesNotExist();
    }

    @Test
    void replacesANonEmptyOutputOnlyWithForceAndTakesOtherEvaluationSteps() throws IOException {
        TorchvisionFixtures.Fixture resnet = fixture("resnet18");
        Path model = Files.createDirectories(folder.resolve("model"));
        Files.writeString(model.resolve("keep.txt"), "mine");
        String[] args = {
            "import",
            "--weights",
            resnet.weights().toString(),
            "--model",
            "resnet",
            "--input",
            "3x64x64",
            "--set",
            "augment.eval=[{type: normalize, mean: [0.5], std: [0.25]}]",
            "--output",
            model.toString()
        };

        assertThat(run(args)).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo(
                        "classify: "
                                + model
                                + ": exists and is not empty; give --force to replace it\n");
        assertThat(model.resolve("keep.txt")).exists();

        String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
        forced[args.length] = "--force";
        assertThat(run(forced)).as(err.toString()).isZero();
        assertThat(model.resolve("keep.txt")).doesNotExist();
        assertThat(Files.readString(model.resolve("classify-model.json")))
                .contains("\"mean\" : [ 0.5 ]")
                .contains("\"std\" : [ 0.25 ]");
        assertThat(model.resolve("model-0000.params")).exists();
    }

    @Test
    void refusesOptionsItDoesNotTake() throws IOException {
        TorchvisionFixtures.Fixture resnet = fixture("resnet18");
        String weights = resnet.weights().toString();
        String output = folder.resolve("model").toString();

        assertThat(
                        run(
                                "import",
                                "--weights",
                                weights,
                                "--model",
                                "resnet",
                                "--input",
                                "3x64x64",
                                "--set",
                                "train.epochs=3",
                                "--output",
                                output))
                .isEqualTo(2);
        assertThat(
                        run(
                                "import",
                                "--weights",
                                weights,
                                "--model",
                                "resnet",
                                "--input",
                                "3x64x64",
                                "--set",
                                "augment.eval={type: to-rgb}",
                                "--output",
                                output))
                .isEqualTo(2);
        assertThat(
                        run(
                                "import",
                                "--weights",
                                weights,
                                "--model",
                                "simple-cnn",
                                "--input",
                                "3x64x64",
                                "--output",
                                output))
                .isEqualTo(2);
        assertThat(
                        run(
                                "import",
                                "--weights",
                                weights,
                                "--model",
                                "resnet",
                                "--depth",
                                "20",
                                "--input",
                                "3x64x64",
                                "--output",
                                output))
                .isEqualTo(2);

        assertThat(err.toString().lines().toList())
                .containsExactly(
                        "classify: --set train.epochs: import takes model.NAME (a model option) or augment.eval",
                        "classify: --set augment.eval: give a list of steps, each {type: NAME, ...options}, e.g. '[{type: normalize, mean: [0.5], std: [0.5]}]' ([] for none)",
                        "classify: model.type: weights import knows torchvision's resnet and timm's se-resnet layouts, not model 'simple-cnn'; choose one of [resnet, se-resnet]",
                        "classify: model.depth: torchvision's ResNets have depth [18, 34, 50, 101, 152], not 20; give one of them");
        assertThat(folder.resolve("model")).doesNotExist();
    }
}
