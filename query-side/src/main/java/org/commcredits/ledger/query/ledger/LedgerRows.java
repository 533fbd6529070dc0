package org.commcredits.ledger.query.ledger;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Writes a batch of ledger entries into {@code rm_ledger_entry}, replacing any row already filed under the same
 * sequence (a redelivered batch), in the caller's transaction.
 *
 * <p>On PostgreSQL a batch of {@value #COPY_FROM} rows or more goes in with one {@code COPY ... FROM STDIN} in
 * binary format after one {@code DELETE ... = ANY(array)}: the server neither parses a statement of thousands of
 * parameters nor converts text to numbers and timestamps, which is where a rebuild's database time went
 * (docs/benchmarks.md). Smaller batches, the live case, and other databases (H2) use multi-row
 * {@code INSERT}s of {@value #CHUNK} rows: for a handful of rows COPY's extra round trip costs more than it saves.
 */
final class LedgerRows {

    /** Rows per INSERT: 500 rows of 10 parameters stay far below PostgreSQL's 32,767 bind parameters. */
    static final int CHUNK = 500;
    /** Batches from this size are copied on PostgreSQL. */
    static final int COPY_FROM = 100;

    private static final String COLUMNS = "sequence, tenant_id, occurred_at, entry_type, direction, amount_minor, currency, "
            + "balance_after_minor, tranche_id, reference";
    private static final String INSERT = "INSERT INTO rm_ledger_entry (" + COLUMNS + ") VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COPY = "COPY rm_ledger_entry (" + COLUMNS + ") FROM STDIN (FORMAT binary)";
    private static final byte[] COPY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** PostgreSQL's timestamps count microseconds from 2000-01-01 00:00:00. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    LedgerRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            known = Boolean.TRUE.equals(jdbc.execute((Connection connection) ->
                    connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")));
            postgres = known;
        }
        return known;
    }

    void replace(List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (isPostgres() && entries.size() >= COPY_FROM) {
            if (mayHaveRows(entries)) {
                deleteAny(entries);
            }
            copy(entries);
            return;
        }
        for (int from = 0; from < entries.size(); from += CHUNK) {
            List<LedgerEntry> chunk = entries.subList(from, Math.min(entries.size(), from + CHUNK));
            deleteIn(chunk);
            insert(chunk);
        }
    }

    /**
     * Whether any row may already be filed under one of these sequences: not when every row of the table lies
     * below the batch's lowest sequence, the rule in a rebuild (one segment reads the stream in order) and live.
     * One backward step on the primary key instead of a probe per row: the delete was as costly for PostgreSQL as
     * the COPY in a rebuild of a million events. Safe because the primary key refuses a duplicate: a row
     * committed by someone else after this look-up fails the batch, which is then retried and deletes.
     */
    private boolean mayHaveRows(List<LedgerEntry> entries) {
        long lowest = entries.stream().mapToLong(LedgerEntry::sequence).min().orElseThrow();
        List<Long> highest = jdbc.queryForList("SELECT sequence FROM rm_ledger_entry ORDER BY sequence DESC FETCH FIRST 1 ROWS ONLY",
                Long.class);
        return !highest.isEmpty() && highest.get(0) >= lowest;
    }

    // The range lets the planner use the primary key even with a generic plan and stale statistics
    // (with the IN list alone PostgreSQL chose a sequential scan once the table had grown).
    private void deleteAny(List<LedgerEntry> entries) {
        long[] sequences = entries.stream().mapToLong(LedgerEntry::sequence).toArray();
        Long[] boxed = new Long[sequences.length];
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (int i = 0; i < sequences.length; i++) {
            boxed[i] = sequences[i];
            lowest = Math.min(lowest, sequences[i]);
            highest = Math.max(highest, sequences[i]);
        }
        long low = lowest;
        long high = highest;
        jdbc.execute((Connection connection) -> {
            java.sql.Array array = connection.createArrayOf("bigint", boxed);
            try (var delete = connection.prepareStatement(
                    "DELETE FROM rm_ledger_entry WHERE sequence >= ? AND sequence <= ? AND sequence = ANY(?)")) {
                delete.setLong(1, low);
                delete.setLong(2, high);
                delete.setArray(3, array);
                return delete.executeUpdate();
            } finally {
                array.free();
            }
        });
    }

    private void deleteIn(List<LedgerEntry> chunk) {
        long lowest = chunk.stream().mapToLong(LedgerEntry::sequence).min().orElseThrow();
        long highest = chunk.stream().mapToLong(LedgerEntry::sequence).max().orElseThrow();
        jdbc.update("DELETE FROM rm_ledger_entry WHERE sequence >= ? AND sequence <= ? AND sequence IN ("
                        + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")",
                ps -> {
                    ps.setLong(1, lowest);
                    ps.setLong(2, highest);
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setLong(i + 3, chunk.get(i).sequence());
                    }
                });
    }

    private void insert(List<LedgerEntry> chunk) {
        jdbc.update(INSERT + String.join(", ", Collections.nCopies(chunk.size(), ROW)), ps -> {
            int p = 1;
            for (LedgerEntry e : chunk) {
                ps.setLong(p++, e.sequence());
                ps.setString(p++, e.tenantId());
                ps.setTimestamp(p++, Timestamp.from(e.occurredAt()));
                ps.setString(p++, e.type());
                ps.setString(p++, e.direction());
                ps.setLong(p++, e.amountMinor());
                ps.setString(p++, e.currency());
                ps.setLong(p++, e.balanceAfterMinor());
                ps.setString(p++, e.trancheId());
                ps.setString(p++, e.reference());
            }
        });
    }

    private void copy(List<LedgerEntry> entries) {
        byte[] data = binaryCopy(entries, ZoneId.systemDefault());
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            try {
                copy.writeToCopy(data, 0, data.length);
                return copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        });
    }

    /**
     * The rows in PostgreSQL's binary COPY format. {@code occurred_at} is a {@code TIMESTAMP} without zone: it
     * holds the wall time of {@code zone}, rounded half up to the microsecond, exactly what the driver stores for
     * {@code setTimestamp(Timestamp.from(instant))} on the INSERT path, so both paths write equal rows.
     */
    static byte[] binaryCopy(List<LedgerEntry> entries, ZoneId zone) {
        CopyBuffer out = new CopyBuffer(64 + entries.size() * 160);
        out.bytes(COPY_SIGNATURE);
        out.int32(0); // flags
        out.int32(0); // header extension length
        for (LedgerEntry e : entries) {
            out.int16(10);
            out.int64Field(e.sequence());
            out.textField(e.tenantId());
            out.int64Field(postgresMicros(e.occurredAt(), zone));
            out.textField(e.type());
            out.textField(e.direction());
            out.int64Field(e.amountMinor());
            out.textField(e.currency());
            out.int64Field(e.balanceAfterMinor());
            out.textField(e.trancheId());
            out.textField(e.reference());
        }
        out.int16(-1);
        return out.toByteArray();
    }

    static long postgresMicros(Instant instant, ZoneId zone) {
        long localSeconds = instant.getEpochSecond() + zone.getRules().getOffset(instant).getTotalSeconds();
        return (localSeconds - POSTGRES_EPOCH_SECONDS) * 1_000_000L + (instant.getNano() + 500) / 1_000;
    }

    /**
     * A growing big-endian byte buffer: {@code DataOutputStream} over {@code ByteArrayOutputStream} took a
     * synchronized call per byte, a visible share of the rebuild's CPU.
     */
    private static final class CopyBuffer {
        private byte[] buffer;
        private int size;

        CopyBuffer(int capacity) {
            buffer = new byte[capacity];
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        void bytes(byte[] value) {
            ensure(value.length);
            System.arraycopy(value, 0, buffer, size, value.length);
            size += value.length;
        }

        void int16(int value) {
            ensure(2);
            buffer[size++] = (byte) (value >>> 8);
            buffer[size++] = (byte) value;
        }

        void int32(int value) {
            ensure(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (value >>> shift);
            }
        }

        void int64Field(long value) {
            int32(8);
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (value >>> shift);
            }
        }

        void textField(String value) {
            if (value == null) {
                int32(-1);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            int32(utf8.length);
            bytes(utf8);
        }

        byte[] toByteArray() {
            return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        }
    }
}
