package dev.classify.engine.model.weights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes safetensors files by hand for tests: an 8-byte little-endian header length, the JSON
 * header, the tensors' bytes. Not thread safe.
 */
final class SafetensorsWriter {
    private final List<String> entries = new ArrayList<>();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private int headerPadding;

    /** Adds a tensor of {@code dtype} and {@code shape} holding {@code bytes}. */
    SafetensorsWriter add(String name, String dtype, long[] shape, byte[] bytes) {
        int begin = data.size();
        data.writeBytes(bytes);
        entries.add(
                String.format(
                        "\"%s\":{\"dtype\":\"%s\",\"shape\":[%s],\"data_offsets\":[%d,%d]}",
                        name,
                        dtype,
                        Arrays.stream(shape)
                                .mapToObj(Long::toString)
                                .collect(Collectors.joining(",")),
                        begin,
                        data.size()));
        return this;
    }

    /** Adds a float32 tensor. */
    SafetensorsWriter addFloats(String name, long[] shape, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return add(name, "F32", shape, bytes.array());
    }

    /** Adds an int64 scalar, as PyTorch saves {@code num_batches_tracked}. */
    SafetensorsWriter addCounter(String name) {
        byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(7).array();
        return add(name, "I64", new long[0], bytes);
    }

    /** Pads the header with spaces to {@code bytes} in all. */
    SafetensorsWriter headerLength(int bytes) {
        headerPadding = bytes;
        return this;
    }

    /** Writes the file. */
    Path write(Path file) throws IOException {
        String header =
                "{\"__metadata__\":{\"format\":\"pt\"}"
                        + entries.stream().map(e -> "," + e).collect(Collectors.joining())
                        + "}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        int length = Math.max(json.length, headerPadding);
        ByteBuffer out =
                ByteBuffer.allocate(8 + length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(length).put(json);
        for (int i = json.length; i < length; i++) {
            out.put((byte) ' ');
        }
        out.put(data.toByteArray());
        Files.write(file, out.array());
        return file;
    }
}
