/**
 * Model plugins, each a {@link dev.classify.api.ModelProvider} built from DJL blocks and free of
 * any engine dependency: {@code simple-cnn} (the MNIST baseline), {@code resnet} (He et al. 2015)
 * and {@code se-resnet} (Hu et al. 2017). The ResNet family shares one builder and two custom
 * blocks, a residual unit and a squeeze-and-excitation block.
 */
package dev.classify.models;
