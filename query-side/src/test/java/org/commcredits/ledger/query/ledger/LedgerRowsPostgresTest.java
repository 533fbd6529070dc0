package org.commcredits.ledger.query.ledger;

import org.commcredits.ledger.query.MigratedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two ways {@link LedgerRows} writes on PostgreSQL, binary {@code COPY} for large batches (a rebuild) and
 * multi-row {@code INSERT} for small ones (live), store the same rows, and both replace a redelivered batch.
 */
class LedgerRowsPostgresTest {

    private static MigratedDatabase database;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transaction;

    @BeforeAll
    static void migrate() {
        database = MigratedDatabase.of("postgres", "ledgerrows");
        jdbc = database.jdbc();
        transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    /** Entries of sequences {@code first ..}: nulls, non-ASCII text, and times that need rounding to microseconds. */
    private static List<LedgerEntry> entries(long first, int count) {
        Instant[] times = {Instant.parse("2025-03-30T01:30:00Z"), Instant.parse("2025-01-01T00:00:00.123456789Z"),
                Instant.parse("2025-06-01T12:00:00.000000500Z"), Instant.parse("1999-12-31T23:59:59.999999999Z"),
                Instant.parse("2026-10-25T00:59:59.000001Z")};
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new LedgerEntry(first + i, "tenant-" + (i % 7), times[i % times.length], "FUNDS_CONSUMED",
                    i % 2 == 0 ? LedgerEntry.DEBIT : LedgerEntry.CREDIT, 100L * i, "USD", 1_000_000L - i,
                    i % 3 == 0 ? null : "t" + i, i % 5 == 0 ? null : "call-é€-" + i + "\t\\\n"));
        }
        return entries;
    }

    private static void write(List<LedgerEntry> entries) {
        LedgerRows rows = new LedgerRows(jdbc);
        transaction.executeWithoutResult(status -> rows.replace(entries));
    }

    private static List<Map<String, Object>> rows(long first, long last) {
        return jdbc.queryForList("SELECT sequence - ? AS offset, tenant_id, occurred_at, entry_type, direction, amount_minor, "
                + "currency, balance_after_minor, tranche_id, reference FROM rm_ledger_entry "
                + "WHERE sequence BETWEEN ? AND ? ORDER BY sequence", first, first, last);
    }

    @Test
    @DisplayName("INV-RM-01: a copied batch stores the same rows as inserted ones")
    void copyAndInsertStoreEqualRows() {
        int count = LedgerRows.COPY_FROM + 50;
        List<LedgerEntry> copied = entries(1_000, count);
        write(copied);
        List<LedgerEntry> inserted = entries(10_000, count);
        for (int from = 0; from < count; from += LedgerRows.COPY_FROM - 1) {
            write(inserted.subList(from, Math.min(count, from + LedgerRows.COPY_FROM - 1)));
        }

        assertThat(rows(1_000, 1_000 + count)).hasSize(count).isEqualTo(rows(10_000, 10_000 + count));
    }

    @Test
    @DisplayName("a redelivered batch replaces its rows whichever way it was written")
    void redeliveredBatchesReplaceTheirRows() {
        int count = LedgerRows.COPY_FROM * 2;
        List<LedgerEntry> batch = entries(50_000, count);
        write(batch);
        write(batch);
        write(batch.subList(0, 10));
        write(batch);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rm_ledger_entry WHERE sequence BETWEEN 50000 AND 60000",
                Long.class)).isEqualTo(count);
    }

    @Test
    @DisplayName("a batch interleaved with another segment's rows replaces only its own")
    void interleavedBatchesLeaveOtherRowsAlone() {
        List<LedgerEntry> others = new ArrayList<>();
        List<LedgerEntry> mine = new ArrayList<>();
        List<LedgerEntry> all = entries(70_000, LedgerRows.COPY_FROM * 4);
        for (LedgerEntry entry : all) {
            (entry.sequence() % 2 == 0 ? others : mine).add(entry);
        }
        write(others);
        write(mine);
        write(mine);

        assertThat(rows(70_000, 80_000)).hasSize(all.size());
    }
}
