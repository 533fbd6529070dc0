package org.commcredits.ledger.platform.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The ledger's clock: the system clock plus an offset that only the sandbox test clock changes.
 *
 * <p>Every rule that depends on time (tranche expiry, calendar months of pools, invoice dates, reservation
 * timeouts) reads this clock, injected as {@link Clock}; domain code never calls {@code Instant.now()}.
 * Outside the sandbox the offset is always zero.
 */
public class LedgerClock extends Clock {

    private final Clock system;
    private final OffsetSource offsets;

    public LedgerClock(Clock system, OffsetSource offsets) {
        this.system = system;
        this.offsets = offsets;
    }

    @Override
    public Instant instant() {
        // Milliseconds: every store (PostgreSQL, H2, JSON) keeps them exactly, so an instant read back equals the event's.
        return system.instant().truncatedTo(ChronoUnit.MILLIS).plusMillis(offsets.currentOffsetMillis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the ledger runs in UTC");
    }

    /** Where the offset comes from: zero in production, the {@code test_clock} row in the sandbox. */
    @FunctionalInterface
    public interface OffsetSource {
        long currentOffsetMillis();
    }
}
