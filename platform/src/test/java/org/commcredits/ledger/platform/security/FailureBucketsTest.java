package org.commcredits.ledger.platform.security;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class FailureBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final FailureBuckets buckets = new FailureBuckets(2, Duration.ofSeconds(10), 1000, now::get);

    @Test
    @DisplayName("INV-SEC-01 a key may fail its capacity at once, then once per refill interval")
    void capacityThenRefill() {
        assertThat(buckets.take("alice").taken()).isTrue();
        assertThat(buckets.take("alice").taken()).isTrue();
        FailureBuckets.Attempt refused = buckets.take("alice");
        assertThat(refused.taken()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(refused.firstRefusal()).as("the first refusal starts the throttle (and its one log line)").isTrue();
        assertThat(buckets.take("alice").firstRefusal()).as("later refusals of the same throttle are not first").isFalse();
        assertThat(buckets.take("bob").taken()).as("another key has its own bucket").isTrue();

        advance(Duration.ofSeconds(4));
        assertThat(buckets.take("alice").retryAfter()).isEqualTo(Duration.ofSeconds(6));
        advance(Duration.ofSeconds(6));
        assertThat(buckets.take("alice").taken()).isTrue();
        assertThat(buckets.take("alice").taken()).as("one token per interval, not the whole capacity").isFalse();
    }

    @Test
    @DisplayName("INV-SEC-01 a success gives its token back, so only failures count, and never beyond the capacity")
    void successGivesBack() {
        buckets.take("alice");
        buckets.giveBack("alice");
        buckets.giveBack("alice");
        buckets.giveBack("alice");
        assertThat(buckets.take("alice").taken()).isTrue();
        assertThat(buckets.take("alice").taken()).isTrue();
        assertThat(buckets.take("alice").taken()).as("give-backs never raise a bucket above its capacity").isFalse();
    }

    @Test
    @DisplayName("INV-SEC-01 an idle key's bucket refills completely and is then forgotten")
    void idleKeysRefill() {
        buckets.take("alice");
        buckets.take("alice");
        advance(Duration.ofMinutes(5));
        assertThat(buckets.take("alice").taken()).isTrue();
        assertThat(buckets.take("alice").taken()).isTrue();
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
