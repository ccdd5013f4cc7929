package dev.classify.engine.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.classify.api.ConfigurationException;
import dev.classify.api.Problems;
import dev.classify.engine.config.TrainConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code train.device} into the DJL devices of the loaded engine: one device, or with {@code
 * gpus} every GPU (data-parallel training, each batch split across them).
 */
public final class DeviceSelector {
    private DeviceSelector() {}

    /**
     * Returns the devices for {@code setting}: {@code auto} takes GPU 0 when the engine sees a GPU,
     * else the CPU; {@code gpus} takes every GPU the engine sees.
     *
     * @throws ConfigurationException when a GPU is requested that the engine cannot use; it never
     *     falls back to the CPU silently
     */
    public static List<Device> select(String setting, Engine engine) {
        return select(setting, engine.getEngineName(), engine.getGpuCount());
    }

    /** As {@link #select(String, Engine)}, for an engine named {@code engineName} with GPUs. */
    public static List<Device> select(String setting, String engineName, int gpus) {
        if (setting.equals("auto")) {
            return List.of(gpus > 0 ? Device.gpu() : Device.cpu());
        }
        if (setting.equals("cpu")) {
            return List.of(Device.cpu());
        }
        if (gpus == 0) {
            throw new ConfigurationException(
                    "train.device",
                    setting
                            + " requested, but the "
                            + engineName
                            + " engine sees no GPU: "
                            + howToGetCuda(engineName)
                            + "; or use device: cpu");
        }
        if (setting.equals("gpus")) {
            List<Device> devices = new ArrayList<>();
            for (int i = 0; i < gpus; i++) {
                devices.add(Device.gpu(i));
            }
            return List.copyOf(devices);
        }
        int index = setting.equals("gpu") ? 0 : Integer.parseInt(setting.substring(4));
        if (index >= gpus) {
            throw new ConfigurationException(
                    "train.device",
                    setting
                            + " requested, but there "
                            + (gpus == 1 ? "is only 1 GPU (gpu:0)" : "are only " + gpus + " GPUs")
                            + (gpus == 1 ? "" : " (gpu:0..gpu:" + (gpus - 1) + ")"));
        }
        return List.of(Device.gpu(index));
    }

    /**
     * Checks that training on {@code devices} can work as configured: with several devices each
     * batch needs an image per device, and on PyTorch Adam and AdamW cannot run data-parallel (DJL
     * 0.36's PyTorch parameter server calls the optimizer once per device, which advances Adam's
     * step count once per device and lets the copies drift apart; MXNet's updates once).
     *
     * @throws ConfigurationException when it cannot
     */
    public static void checkDataParallel(
            List<Device> devices, String engineName, TrainConfig train) {
        if (devices.size() < 2) {
            return;
        }
        Problems problems = new Problems();
        problems.check(
                train.batchSize() >= devices.size(),
                "train.batchSize",
                "is "
                        + train.batchSize()
                        + " but device: "
                        + train.device()
                        + " splits each batch over "
                        + devices.size()
                        + " GPUs; give at least one image per GPU");
        String optimizer = train.optimizer().type();
        problems.check(
                !(engineName.equals("PyTorch")
                        && (optimizer.equals("adam") || optimizer.equals("adamw"))),
                "train.optimizer.type",
                optimizer
                        + " cannot train data-parallel on PyTorch in DJL 0.36 (it would step once"
                        + " per GPU); use sgd, engine: MXNet, or one GPU (device: gpu)");
        problems.throwIfAny();
    }

    /** Where CUDA natives for {@code engineName} come from; none are on Maven Central. */
    static String howToGetCuda(String engineName) {
        if (engineName.equals("PyTorch")) {
            return "the default build has PyTorch's CPU natives only (CUDA builds of libtorch 2.7.1"
                    + " are not on Maven Central); point PYTORCH_LIBRARY_PATH at the lib folder"
                    + " of a CUDA 12 libtorch 2.7.1 (e.g. a pip torch==2.7.1 install's torch/lib),"
                    + " or let DJL download one with PYTORCH_FLAVOR=cu128 and DJL_OFFLINE=false"
                    + " (see the README)";
        }
        return "the default build has MXNet's CPU natives only (its CUDA builds are not on Maven"
                + " Central and stop at CUDA 11.2, compute capability 8.6: no Hopper); point"
                + " MXNET_LIBRARY_PATH at a CUDA build of libmxnet 1.9.x (see the README), or use"
                + " engine: PyTorch";
    }
}
