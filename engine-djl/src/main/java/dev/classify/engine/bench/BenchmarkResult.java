package dev.classify.engine.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code classify bench} measured, written as one JSON line with these snake_case keys.
 *
 * @param computeImagesPerSecond training images per second on a batch held in memory as a tensor
 * @param pipelineImagesPerSecond training images per second fed by the data path and augmentation
 * @param pipelineEfficiency pipeline / compute, in (0, ~1]: the share of the network's speed the
 *     data path keeps
 * @param inferenceImagesPerSecond prediction images per second at batch 256
 * @param peakRssMb the process's peak resident memory in MiB ({@code VmHWM}), or -1 when unknown
 * @param runtime the engine, native library, device and threads line
 * @param engine the engine's name
 * @param engineVersion the engine's version as it reports it
 * @param djlVersion DJL's version
 * @param javaVersion the Java runtime's version
 * @param devices the devices trained on
 * @param threads the engine's thread counts
 */
public record BenchmarkResult(
        @JsonProperty("compute_images_per_second") double computeImagesPerSecond,
        @JsonProperty("pipeline_images_per_second") double pipelineImagesPerSecond,
        @JsonProperty("pipeline_efficiency") double pipelineEfficiency,
        @JsonProperty("inference_images_per_second") double inferenceImagesPerSecond,
        @JsonProperty("peak_rss_mb") double peakRssMb,
        @JsonProperty("runtime") String runtime,
        @JsonProperty("engine") String engine,
        @JsonProperty("engine_version") String engineVersion,
        @JsonProperty("djl_version") String djlVersion,
        @JsonProperty("java_version") String javaVersion,
        @JsonProperty("devices") String devices,
        @JsonProperty("threads") String threads) {}
