/**
 * The classify runtime on DJL: plugin discovery and Guice wiring, YAML configuration, the training
 * loop with its hold-out validation, learning-rate schedules and run directory, and prediction.
 */
package dev.classify.engine;
