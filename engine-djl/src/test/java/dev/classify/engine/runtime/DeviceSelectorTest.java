package dev.classify.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.classify.api.ConfigurationException;
import dev.classify.engine.config.OptimizerConfig;
import dev.classify.engine.config.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Device lists for every {@code train.device} setting with 0, 1 and 2 GPUs. */
final class DeviceSelectorTest {
    @Test
    void autoTakesTheFirstGpuWhenThereIsOneElseTheCpu() {
        assertThat(DeviceSelector.select("auto", "MXNet", 0)).containsExactly(Device.cpu());
        assertThat(DeviceSelector.select("auto", "MXNet", 2)).containsExactly(Device.gpu(0));
        assertThat(DeviceSelector.select("cpu", "PyTorch", 2)).containsExactly(Device.cpu());
    }

    @Test
    void gpuAndGpuNTakeOneGpu() {
        assertThat(DeviceSelector.select("gpu", "MXNet", 2)).containsExactly(Device.gpu(0));
        assertThat(DeviceSelector.select("gpu:1", "PyTorch", 2)).containsExactly(Device.gpu(1));
        assertThatThrownBy(() -> DeviceSelector.select("gpu:2", "MXNet", 2))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("train.device: gpu:2 requested, but there are only 2 GPUs")
                .hasMessageContaining("gpu:0..gpu:1");
        assertThatThrownBy(() -> DeviceSelector.select("gpu:1", "MXNet", 1))
                .hasMessageContaining("there is only 1 GPU (gpu:0)");
    }

    @Test
    void gpusTakesEveryGpu() {
        assertThat(DeviceSelector.select("gpus", "MXNet", 1)).containsExactly(Device.gpu(0));
        assertThat(DeviceSelector.select("gpus", "PyTorch", 3))
                .containsExactly(Device.gpu(0), Device.gpu(1), Device.gpu(2));
    }

    @Test
    void aGpuRequestWithoutGpusSaysWhyAndHowToGetCudaNatives() {
        for (String setting : List.of("gpu", "gpu:0", "gpus")) {
            assertThatThrownBy(() -> DeviceSelector.select(setting, "MXNet", 0))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(
                            "train.device: " + setting + " requested, but the MXNet engine sees")
                    .hasMessageContaining("MXNET_LIBRARY_PATH")
                    .hasMessageContaining("no Hopper")
                    .hasMessageContaining("device: cpu");
        }
        assertThatThrownBy(() -> DeviceSelector.select("gpus", "PyTorch", 0))
                .hasMessageContaining("PyTorch engine sees no GPU")
                .hasMessageContaining("PYTORCH_LIBRARY_PATH")
                .hasMessageContaining("PYTORCH_FLAVOR=cu128");
    }

    @Test
    void dataParallelNeedsAnImagePerGpuAndNoAdamOnPyTorch() {
        List<Device> two = List.of(Device.gpu(0), Device.gpu(1));
        TrainConfig small = train(1, "sgd");
        TrainConfig adam = train(64, "adam");

        assertThatThrownBy(() -> DeviceSelector.checkDataParallel(two, "MXNet", small))
                .hasMessageContaining("train.batchSize: is 1 but device: gpus splits each batch")
                .hasMessageContaining("over 2 GPUs");
        assertThatThrownBy(() -> DeviceSelector.checkDataParallel(two, "PyTorch", adam))
                .hasMessageContaining("train.optimizer.type: adam cannot train data-parallel");
        DeviceSelector.checkDataParallel(two, "MXNet", adam);
        DeviceSelector.checkDataParallel(two, "PyTorch", train(64, "sgd"));
        DeviceSelector.checkDataParallel(List.of(Device.gpu(0)), "PyTorch", adam);
    }

    private static TrainConfig train(int batchSize, String optimizer) {
        OptimizerConfig config =
                new OptimizerConfig(optimizer, null, null, null, null, null, null, null, null);
        return new TrainConfig(null, batchSize, config, null, "gpus", null, null, null);
    }
}
