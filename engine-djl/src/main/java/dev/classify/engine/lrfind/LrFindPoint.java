package dev.classify.engine.lrfind;

/**
 * One batch of a learning-rate sweep.
 *
 * @param learningRate the rate of its optimizer step
 * @param loss its mean training loss (before the step)
 * @param smoothedLoss the bias-corrected exponential average of the losses up to it
 */
public record LrFindPoint(double learningRate, double loss, double smoothedLoss) {}
