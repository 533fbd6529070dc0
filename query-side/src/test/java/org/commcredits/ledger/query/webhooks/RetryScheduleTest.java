package org.commcredits.ledger.query.webhooks;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** INV-WH-04: the retry schedule. */
class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(RetrySchedule.DEFAULT, 0.1);

    @Test
    @DisplayName("INV-WH-04 delays grow 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; eight attempts, then none")
    void delaysGrow() {
        assertThat(schedule.maxAttempts()).isEqualTo(8);
        assertThat(schedule.delayAfter(1, 0.5)).contains(Duration.ofSeconds(5));
        assertThat(schedule.delayAfter(2, 0.5)).contains(Duration.ofMinutes(5));
        assertThat(schedule.delayAfter(3, 0.5)).contains(Duration.ofMinutes(30));
        assertThat(schedule.delayAfter(4, 0.5)).contains(Duration.ofHours(2));
        assertThat(schedule.delayAfter(5, 0.5)).contains(Duration.ofHours(5));
        assertThat(schedule.delayAfter(6, 0.5)).contains(Duration.ofHours(10));
        assertThat(schedule.delayAfter(7, 0.5)).contains(Duration.ofHours(10));
        assertThat(schedule.delayAfter(8, 0.5)).isEmpty();
    }

    @Test
    @DisplayName("INV-WH-04 jitter stays within 10% and even the shortest schedule retries for more than 24 h")
    void jitterIsBoundedAndTheScheduleCoversADay() {
        assertThat(schedule.delayAfter(1, 0.0)).contains(Duration.ofMillis(4_500));
        assertThat(schedule.delayAfter(1, 0.999_999)).hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(5_500)));
        Duration shortest = Duration.ZERO;
        for (int failed = 1; failed < schedule.maxAttempts(); failed++) {
            shortest = shortest.plus(schedule.delayAfter(failed, 0.0).orElseThrow());
        }
        assertThat(shortest).isGreaterThan(Duration.ofHours(24));
    }
}
