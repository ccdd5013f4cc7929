package dev.classify.engine.model.weights;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The networks {@code tools/torchvision_fixtures.py} writes with torchvision: weights, images and
 * torchvision's log-probabilities. The small set is committed as test resources; the full set
 * (ResNet-18, ResNet-50, SE-ResNet-50 at 3x224x224) is written by CI into a folder named by the
 * system property {@code classify.torchvisionFixtures} or the environment variable {@code
 * CLASSIFY_TORCHVISION_FIXTURES}.
 */
public final class TorchvisionFixtures {
    /** The system property naming the full set's folder. */
    public static final String PROPERTY = "classify.torchvisionFixtures";

    private static final String RESOURCES = "/dev/classify/engine/model/weights/torchvision/";
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One network.
     *
     * @param name e.g. {@code resnet18}
     * @param model classify's model type
     * @param options classify's model options of the network
     * @param input its (C, H, W)
     * @param classes its number of classes
     * @param weights the safetensors file
     * @param pixels uint8 (N, H, W, C) images
     * @param logprobs float32 (N, K) torchvision's log-probabilities of the normalized images
     */
    public record Fixture(
            String name,
            String model,
            Map<String, Object> options,
            int[] input,
            int classes,
            Path weights,
            Path pixels,
            Path logprobs) {}

    private TorchvisionFixtures() {}

    /** Copies the committed small set into {@code folder} and returns it. */
    public static List<Fixture> small(Path folder) throws IOException {
        JsonNode list = JSON.readTree(resource("fixtures.json"));
        copy("fixtures.json", folder);
        for (JsonNode fixture : list.path("fixtures")) {
            for (String file : List.of("weights", "pixels", "logprobs")) {
                copy(fixture.path(file).asText(), folder);
            }
        }
        return read(folder);
    }

    /** The folder of the full set, when one is named and holds {@code fixtures.json}. */
    public static Optional<Path> fullFolder() {
        String named = System.getProperty(PROPERTY, System.getenv("CLASSIFY_TORCHVISION_FIXTURES"));
        return Optional.ofNullable(named)
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .filter(p -> Files.isRegularFile(p.resolve("fixtures.json")));
    }

    /** Reads {@code folder}'s {@code fixtures.json}. */
    public static List<Fixture> read(Path folder) throws IOException {
        JsonNode root = JSON.readTree(folder.resolve("fixtures.json").toFile());
        List<Fixture> fixtures = new ArrayList<>();
        for (JsonNode node : root.path("fixtures")) {
            Map<String, Object> options = new LinkedHashMap<>();
            node.path("options")
                    .fields()
                    .forEachRemaining(
                            e ->
                                    options.put(
                                            e.getKey(),
                                            JSON.convertValue(e.getValue(), Object.class)));
            JsonNode input = node.path("input");
            fixtures.add(
                    new Fixture(
                            node.path("name").asText(),
                            node.path("model").asText(),
                            options,
                            new int[] {
                                input.get(0).asInt(), input.get(1).asInt(), input.get(2).asInt()
                            },
                            node.path("classes").asInt(),
                            folder.resolve(node.path("weights").asText()),
                            folder.resolve(node.path("pixels").asText()),
                            folder.resolve(node.path("logprobs").asText())));
        }
        return fixtures;
    }

    /** Reads a little-endian float32 (N, K) {@code .npy} file, C order. */
    public static float[][] matrix(Path npy) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(npy)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = bytes.getShort(8) & 0xffff;
        String header = new String(bytes.array(), 10, headerLength, StandardCharsets.US_ASCII);
        Matcher shape = Pattern.compile("'shape': \\((\\d+), (\\d+)\\)").matcher(header);
        if (!header.contains("'<f4'")
                || header.contains("'fortran_order': True")
                || !shape.find()) {
            throw new IOException(npy + ": not a float32 matrix in C order: " + header);
        }
        int rows = Integer.parseInt(shape.group(1));
        int columns = Integer.parseInt(shape.group(2));
        bytes.position(10 + headerLength);
        float[][] values = new float[rows][columns];
        for (float[] row : values) {
            bytes.asFloatBuffer().get(row);
            bytes.position(bytes.position() + 4 * columns);
        }
        return values;
    }

    private static InputStream resource(String name) {
        InputStream in = TorchvisionFixtures.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("no test resource " + RESOURCES + name));
        }
        return in;
    }

    private static void copy(String name, Path folder) throws IOException {
        try (InputStream in = resource(name)) {
            Files.createDirectories(folder);
            Files.copy(in, folder.resolve(name));
        }
    }
}
