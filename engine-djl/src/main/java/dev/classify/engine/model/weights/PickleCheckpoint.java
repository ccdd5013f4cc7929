package dev.classify.engine.model.weights;

import dev.classify.api.InvalidDataException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Recognizes a PyTorch checkpoint ({@code torch.save}: a zip archive of pickles since PyTorch 1.6,
 * a bare pickle before) by its first bytes and refuses it: unpickling runs whatever code the file
 * names, so classify never does it. Stateless.
 */
final class PickleCheckpoint {
    /**
     * The line of Python that turns a state dict saved by {@code torch.save} into safetensors (with
     * the {@code safetensors} package: {@code pip install safetensors}).
     */
    static final String CONVERSION =
            "python3 -c \"import sys, torch; from safetensors.torch import save_file;"
                    + " save_file(torch.load(sys.argv[1], map_location='cpu'), sys.argv[2])\""
                    + " IN.pt OUT.safetensors";

    private PickleCheckpoint() {}

    /**
     * Throws when {@code start} (the first bytes of {@code file}, up to 9) begins as a zip archive
     * or a pickle of protocol 2 or later does, and not as safetensors (whose JSON header starts at
     * byte 8: its length, the first 8 bytes, may begin with the same bytes).
     *
     * @throws InvalidDataException naming the file and the conversion
     */
    static void refuseIfOne(Path file, ByteBuffer start) {
        if (start.limit() >= 9 && start.get(8) == '{') {
            return;
        }
        boolean zip =
                start.limit() >= 4
                        && start.get(0) == 'P'
                        && start.get(1) == 'K'
                        && start.get(2) == 3
                        && start.get(3) == 4;
        // A pickle opens with PROTO (0x80) and its version.
        boolean pickle = start.limit() >= 2 && (start.get(0) & 0xff) == 0x80 && start.get(1) <= 5;
        if (zip || pickle) {
            throw new InvalidDataException(
                    file,
                    "is a PyTorch checkpoint ("
                            + (zip ? "a zip of pickles" : "a pickle")
                            + "), which classify never unpickles (unpickling runs code); convert"
                            + " it to safetensors with: "
                            + CONVERSION);
        }
    }
}
