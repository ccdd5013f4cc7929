package dev.classify.engine.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Says which native library an engine loaded, on which devices it runs and with how many threads,
 * as one line: {@code engine: MXNet 1.9.0 (/root/.djl.ai/mxnet/1.9.1-20220812-mkl-linux-x86_64/
 * libmxnet.so, no CUDA), device: cpu(), threads: 2 (OMP_NUM_THREADS)}. The library is the file the
 * process has mapped (from {@code /proc/self/maps} on Linux), so the line shows what was loaded,
 * not what was configured: a CPU build from the class path, a CUDA build downloaded by DJL or one
 * named by {@code MXNET_LIBRARY_PATH} / {@code PYTORCH_LIBRARY_PATH}.
 */
public final class RuntimeReport {
    private static final Path MAPS = Path.of("/proc/self/maps");

    private RuntimeReport() {}

    /** Returns the line for {@code engine} running on {@code devices}. */
    public static String describe(Engine engine, List<Device> devices) {
        String library = nativeLibrary(engine.getEngineName()).orElse("library path unknown");
        boolean cuda = engine.hasCapability(StandardCapabilities.CUDA);
        return "engine: "
                + engine.getEngineName()
                + " "
                + engine.getVersion()
                + " ("
                + library
                + (cuda ? ", CUDA, " + engine.getGpuCount() + " GPUs visible" : ", no CUDA")
                + "), device: "
                + devices.stream().map(Device::toString).collect(Collectors.joining(", "))
                + ", threads: "
                + NativeThreads.describe(engine);
    }

    /** The path of the engine's main native library as mapped into this process, if known. */
    static Optional<String> nativeLibrary(String engineName) {
        String marker = engineName.equals("PyTorch") ? "/libtorch_cpu.so" : "/libmxnet.so";
        if (!Files.isReadable(MAPS)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(MAPS)) {
            return lines.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(path -> path.endsWith(marker) || path.contains(marker + "."))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
