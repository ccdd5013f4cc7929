/**
 * Model plugins: the simple CNN baseline (and, to come, ResNet and SE-ResNet), each a {@link
 * dev.classify.api.ModelProvider} built from DJL blocks and free of any engine dependency.
 */
package dev.classify.models;
