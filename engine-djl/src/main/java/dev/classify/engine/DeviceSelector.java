package dev.classify.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.classify.api.ConfigurationException;

/** Turns {@code train.device} into a DJL {@link Device} of the loaded engine. */
final class DeviceSelector {
    private DeviceSelector() {}

    /**
     * Returns the device for {@code setting}: {@code auto} takes GPU 0 when the engine sees a GPU,
     * else the CPU.
     *
     * @throws ConfigurationException when a GPU is requested that the engine cannot use; it never
     *     falls back to the CPU silently
     */
    static Device select(String setting, Engine engine) {
        int gpus = engine.getGpuCount();
        if (setting.equals("auto")) {
            return gpus > 0 ? Device.gpu() : Device.cpu();
        }
        if (setting.equals("cpu")) {
            return Device.cpu();
        }
        int index = setting.equals("gpu") ? 0 : Integer.parseInt(setting.substring(4));
        if (gpus == 0) {
            throw new ConfigurationException(
                    "train.device",
                    setting
                            + " requested, but the "
                            + engine.getEngineName()
                            + " engine sees no GPU: its CUDA natives are not on Maven Central;"
                            + " point MXNET_LIBRARY_PATH at a CUDA build of libmxnet (see the"
                            + " README) or use device: cpu");
        }
        if (index >= gpus) {
            throw new ConfigurationException(
                    "train.device",
                    setting
                            + " requested, but there are only "
                            + gpus
                            + " GPUs (gpu:0..gpu:"
                            + (gpus - 1)
                            + ")");
        }
        return Device.gpu(index);
    }
}
