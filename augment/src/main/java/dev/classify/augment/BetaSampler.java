package dev.classify.augment;

import java.util.random.RandomGenerator;

/**
 * Draws from the symmetric Beta(alpha, alpha) distribution as X / (X + Y) with X and Y independent
 * Gamma(alpha, 1) draws, each by Marsaglia and Tsang's method ("A simple method for generating
 * gamma variables", 2000), with their boost U^(1/alpha) for alpha below 1. Neither the JDK nor the
 * module's dependencies sample a Beta distribution from a {@link RandomGenerator}.
 *
 * @param alpha the shape, positive and finite
 */
record BetaSampler(double alpha) {

    /** Checks the shape. */
    BetaSampler {
        if (!(alpha > 0 && Double.isFinite(alpha))) {
            throw new IllegalArgumentException("alpha must be positive, got " + alpha);
        }
    }

    /** Returns a value in [0, 1]; deterministic for a given state of {@code random}. */
    double draw(RandomGenerator random) {
        double x = gamma(alpha, random);
        double y = gamma(alpha, random);
        if (x + y == 0) {
            // Both underflowed (alpha far below 1): Beta(a, a) tends to a fair coin on {0, 1}.
            return random.nextBoolean() ? 1 : 0;
        }
        return x / (x + y);
    }

    private static double gamma(double shape, RandomGenerator random) {
        if (shape < 1) {
            double u = 1 - random.nextDouble(); // in (0, 1]
            return gamma(shape + 1, random) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x
                    || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
