package dev.classify.engine.model.weights;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code .safetensors} file (Hugging Face's format): an 8-byte little-endian header length, a
 * JSON header mapping each tensor's name to its {@code dtype}, {@code shape} and {@code
 * data_offsets} (begin and end in the data after the header), then the tensors' bytes,
 * little-endian and row-major. The header is read and checked when the file is opened; tensors are
 * read one at a time, as float32.
 *
 * <p>Why not DJL's reader ({@code NDList.decode}, which recognizes safetensors in 0.36.0): it
 * checks neither the offsets against the file nor the byte counts against the shapes, reads the
 * whole file into one array (2 GiB at most), and hands float16 and bfloat16 bytes to the engine as
 * they are, where MXNet has no bfloat16 arrays. This reader checks every entry when opening, names
 * the tensor at fault, and gives float32 arrays on both engines (see {@link FloatDecoding}).
 *
 * <p>Immutable and thread safe: each read opens the file anew.
 */
final class SafetensorsFile {
    /** The largest header accepted: torchvision's ResNet-152 header is about 60 KB. */
    private static final long MAX_HEADER = 100L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One tensor's entry in the header.
     *
     * @param name the tensor's name, e.g. {@code layer1.0.conv1.weight}
     * @param dtype the safetensors type code, e.g. {@code F32}, {@code BF16}, {@code I64}
     * @param shape the dimensions, row-major; empty for a scalar
     * @param begin the first byte in the data section
     * @param end one past the last byte in the data section
     */
    record Entry(String name, String dtype, long[] shape, long begin, long end) {
        /** Whether classify reads this type: float32, float16 or bfloat16. */
        boolean floating() {
            return FloatDecoding.bytesPerValue(dtype) > 0;
        }

        /** The shape as {@code (64, 3, 7, 7)}. */
        String shapeText() {
            return TensorShapes.text(shape);
        }
    }

    private final Path file;
    private final long dataStart;
    private final Map<String, Entry> entries;

    private SafetensorsFile(Path file, long dataStart, Map<String, Entry> entries) {
        this.file = file;
        this.dataStart = dataStart;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /**
     * Reads and checks the header of {@code file}.
     *
     * @throws InvalidDataException when the file cannot be read, is a PyTorch pickle checkpoint
     *     (never unpickled: the message gives the line of Python that converts it), or is not a
     *     well-formed safetensors file (the message names the entry at fault)
     */
    static SafetensorsFile open(Path file) {
        requireNonNull(file, "file is null");
        refuseSpecial(file, "give a .safetensors file");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer start = readFully(channel, 0, (int) Math.min(9, size));
            PickleCheckpoint.refuseIfOne(file, start);
            if (size < 8) {
                throw damaged(
                        file, "it is " + size + " bytes long, shorter than the 8-byte header");
            }
            long headerLength = start.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            if (headerLength < 2 || headerLength > Math.min(MAX_HEADER, size - 8)) {
                throw damaged(
                        file,
                        "its header length says "
                                + Long.toUnsignedString(headerLength)
                                + " bytes, but the file has "
                                + size);
            }
            String header =
                    StandardCharsets.UTF_8
                            .decode(readFully(channel, 8, (int) headerLength))
                            .toString();
            long dataStart = 8 + headerLength;
            return new SafetensorsFile(file, dataStart, parse(file, header, size - dataStart));
        } catch (IOException e) {
            throw new InvalidDataException(
                    file, "cannot read the weights (" + reason(e) + "); check the path", e);
        }
    }

    /** The file read. */
    Path file() {
        return file;
    }

    /** Every tensor's entry, in the header's order, {@code __metadata__} left out. */
    Map<String, Entry> entries() {
        return entries;
    }

    /**
     * Reads one tensor into a float32 array of its shape on {@code manager}; the caller closes it.
     *
     * @throws InvalidDataException when the file cannot be read or the tensor is not float32,
     *     float16 or bfloat16
     */
    NDArray read(Entry entry, NDManager manager) {
        if (!entry.floating()) {
            throw new InvalidDataException(
                    file,
                    "tensor "
                            + entry.name()
                            + " is "
                            + entry.dtype()
                            + "; classify reads F32, F16 and BF16 weights; convert it with"
                            + " tensor.float()");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bytes =
                    readFully(
                            channel,
                            dataStart + entry.begin(),
                            (int) (entry.end() - entry.begin()));
            return FloatDecoding.decode(entry.dtype(), bytes, entry.shape(), manager);
        } catch (IOException e) {
            throw new InvalidDataException(
                    file, "cannot read tensor " + entry.name() + " (" + reason(e) + ")", e);
        }
    }

    private static Map<String, Entry> parse(Path file, String header, long dataLength) {
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (JsonProcessingException e) {
            throw damaged(file, "its header is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw damaged(file, "its header is not a JSON object");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("__metadata__")) {
                Entry entry = entry(file, field.getKey(), field.getValue(), dataLength);
                entries.put(entry.name(), entry);
            }
        }
        return entries;
    }

    private static Entry entry(Path file, String name, JsonNode node, long dataLength) {
        JsonNode dtype = node.path("dtype");
        JsonNode shape = node.path("shape");
        JsonNode offsets = node.path("data_offsets");
        if (!dtype.isTextual()
                || !shape.isArray()
                || !offsets.isArray()
                || offsets.size() != 2
                || !whole(offsets.get(0))
                || !whole(offsets.get(1))) {
            throw damaged(file, "tensor " + name + " lacks dtype, shape or data_offsets");
        }
        long[] dimensions = new long[shape.size()];
        long count = 1;
        for (int i = 0; i < dimensions.length; i++) {
            JsonNode size = shape.get(i);
            if (!whole(size) || size.asLong() < 0 || size.asLong() > Integer.MAX_VALUE) {
                throw damaged(file, "tensor " + name + " has the shape " + shape);
            }
            dimensions[i] = size.asLong();
            // Both factors are below 2^31, so the product stays far from long's limit.
            count = Math.min(count * dimensions[i], Integer.MAX_VALUE + 1L);
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > dataLength) {
            throw damaged(
                    file,
                    "tensor "
                            + name
                            + " lies at bytes "
                            + begin
                            + " to "
                            + end
                            + " of a data section of "
                            + dataLength
                            + " bytes (the file is truncated?)");
        }
        Entry entry = new Entry(name, dtype.asText(), dimensions, begin, end);
        int width = FloatDecoding.bytesPerValue(entry.dtype());
        if (width > 0 && count * width > Integer.MAX_VALUE - 8) {
            throw damaged(
                    file, "tensor " + name + " " + entry.shapeText() + " is larger than 2 GiB");
        }
        if (width > 0 && end - begin != count * width) {
            throw damaged(
                    file,
                    "tensor "
                            + name
                            + " of "
                            + entry.dtype()
                            + " "
                            + entry.shapeText()
                            + " needs "
                            + count * width
                            + " bytes but its data_offsets give "
                            + (end - begin));
        }
        return entry;
    }

    /**
     * Throws when {@code file} exists and is neither a regular file nor a folder: reading a named
     * pipe may block forever, a device such as {@code /dev/zero} never ends.
     *
     * @throws InvalidDataException naming the file, the problem and {@code fix}
     */
    static void refuseSpecial(Path file, String fix) {
        if (Files.exists(file) && !Files.isDirectory(file) && !Files.isRegularFile(file)) {
            throw new InvalidDataException(
                    file,
                    "is not a regular file but a device, pipe or socket, which may never end; "
                            + fix);
        }
    }

    /** Whether {@code node} is a whole JSON number within long's range: 7, not 7.5 or "7". */
    private static boolean whole(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong();
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file ends early");
            }
        }
        return buffer.flip();
    }

    /** The operating system's reason, e.g. {@code no such file}, else the exception's message. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    private static InvalidDataException damaged(Path file, String problem) {
        return new InvalidDataException(
                file,
                "not a readable safetensors file: "
                        + problem
                        + "; write it again with safetensors' save_file");
    }
}
