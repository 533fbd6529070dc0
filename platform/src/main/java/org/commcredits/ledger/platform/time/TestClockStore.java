package org.commcredits.ledger.platform.time;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The sandbox test clock's offset, kept in the {@code test_clock} table so that it survives restarts and
 * every JVM of a split deployment reads the same time. A JVM re-reads the row at most every
 * {@code refresh}; the JVM that moves the clock sees the move at once.
 */
public class TestClockStore implements LedgerClock.OffsetSource {

    private final JdbcTemplate jdbc;
    private final Clock system;
    private final Duration refresh;
    private volatile long offsetMillis;
    private volatile Instant readAt = Instant.MIN;

    public TestClockStore(JdbcTemplate jdbc, Clock system, Duration refresh) {
        this.jdbc = jdbc;
        this.system = system;
        this.refresh = refresh;
    }

    @Override
    public long currentOffsetMillis() {
        Instant now = system.instant();
        if (readAt.plus(refresh).isBefore(now)) {
            offsetMillis = jdbc.query("SELECT offset_ms FROM test_clock WHERE id = 1",
                    rs -> rs.next() ? rs.getLong(1) : 0L);
            readAt = now;
        }
        return offsetMillis;
    }

    /** Stores a new offset. The caller has already checked that time does not move backwards. */
    public synchronized void store(long newOffsetMillis) {
        Timestamp now = Timestamp.from(system.instant());
        int updated = jdbc.update("UPDATE test_clock SET offset_ms = ?, updated_at = ? WHERE id = 1", newOffsetMillis, now);
        if (updated == 0) {
            jdbc.update("INSERT INTO test_clock (id, offset_ms, updated_at) VALUES (1, ?, ?)", newOffsetMillis, now);
        }
        offsetMillis = newOffsetMillis;
        readAt = system.instant();
    }
}
