package org.commcredits.ledger.platform.security;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Holds a throttled answer back before sending it (a tarpit). A 429 costs no password check, but an attacker's
 * client that is answered at once simply sends the next guess: in the fault harness 8 such threads sent 1,200
 * requests a second and the call path's p99 went from 47 ms to 288 ms on the two cores the ledger shares with
 * them. Delaying each refusal caps what a closed-loop guesser can send at one request per delay per connection.
 * At most {@code maxWaiting} refusals wait at once, so a flood of connections cannot take every web thread; past
 * that a refusal is sent at once.
 */
final class RefusalDelay {

    private final long delayMillis;
    private final Semaphore waiting;

    RefusalDelay(Duration delay, int maxWaiting) {
        this.delayMillis = delay.toMillis();
        this.waiting = new Semaphore(Math.max(0, maxWaiting));
    }

    void hold() {
        if (delayMillis <= 0 || !waiting.tryAcquire()) {
            return;
        }
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.release();
        }
    }
}
