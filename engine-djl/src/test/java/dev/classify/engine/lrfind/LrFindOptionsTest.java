package dev.classify.engine.lrfind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

final class LrFindOptionsTest {
    @Test
    void ratesGrowExponentiallyFromStartToEnd() {
        LrFindOptions options = new LrFindOptions(1e-4, 1, 5);

        assertThat(options.rate(0)).isEqualTo(1e-4);
        assertThat(options.rate(1)).isCloseTo(1e-3, within(1e-15));
        assertThat(options.rate(2)).isCloseTo(1e-2, within(1e-15));
        assertThat(options.rate(3)).isCloseTo(1e-1, within(1e-15));
        assertThat(options.rate(4)).isEqualTo(1.0);
        for (int i = 1; i < 4; i++) {
            assertThat(options.rate(i + 1) / options.rate(i)).isCloseTo(10, within(1e-9));
        }
    }

    @Test
    void fastaisDefaultsSweep1e7To10() {
        assertThat(LrFindOptions.DEFAULT.rate(0)).isEqualTo(1e-7);
        assertThat(LrFindOptions.DEFAULT.rate(99)).isEqualTo(10.0);
        // eight decades over 99 steps
        assertThat(LrFindOptions.DEFAULT.rate(1) / LrFindOptions.DEFAULT.rate(0))
                .isCloseTo(Math.pow(10, 8.0 / 99), within(1e-12));
        assertThat(new LrFindOptions(1e-7, 10, 81).rate(10)).isCloseTo(1e-6, within(1e-18));
    }

    @Test
    void refusesAnEmptyOrBackwardRange() {
        assertThatThrownBy(() -> new LrFindOptions(1, 1, 10))
                .hasMessageContaining("below the end rate");
        assertThatThrownBy(() -> new LrFindOptions(0, 1, 10)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new LrFindOptions(1e-3, 1, 1)).hasMessageContaining("at least 2");
    }
}
