package org.commcredits.ledger.platform.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** INV-SEC-06: a throttled answer waits, but never more of them at once than the cap. */
class RefusalDelayTest {

    @Test
    void holdsARefusalBack() {
        long start = System.nanoTime();
        new RefusalDelay(Duration.ofMillis(200), 4).hold();
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
    }

    @Test
    void pastTheCapRefusalsAreSentAtOnce() throws Exception {
        RefusalDelay delay = new RefusalDelay(Duration.ofSeconds(2), 2);
        ExecutorService waiting = Executors.newFixedThreadPool(2);
        CountDownLatch started = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            waiting.submit(() -> {
                started.countDown();
                delay.hold();
            });
        }
        started.await();
        Thread.sleep(100); // both holders are asleep by now
        long start = System.nanoTime();
        delay.hold();
        assertThat((System.nanoTime() - start) / 1_000_000).as("the third refusal does not wait").isLessThan(500);
        waiting.shutdown();
        assertThat(waiting.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void noDelayConfiguredMeansNoWait() {
        long start = System.nanoTime();
        new RefusalDelay(Duration.ZERO, 4).hold();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(50);
    }
}
