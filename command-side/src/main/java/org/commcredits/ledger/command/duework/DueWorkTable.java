package org.commcredits.ledger.command.duework;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** The {@code due_work} table: every write is keyed by (kind, tenant, reference), so repeating one is harmless. */
@Component
class DueWorkTable {

    private final JdbcTemplate jdbc;

    DueWorkTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Puts the item at {@code dueAt}, replacing the instant of an existing one. */
    void schedule(DueKind kind, String tenantId, String reference, Instant dueAt) {
        jdbc.update("MERGE INTO due_work t USING (VALUES (?, ?, ?, CAST(? AS TIMESTAMP))) s(kind, tenant_id, reference, due_at) "
                        + "ON t.kind = s.kind AND t.tenant_id = s.tenant_id AND t.reference = s.reference "
                        + "WHEN MATCHED THEN UPDATE SET due_at = s.due_at "
                        + "WHEN NOT MATCHED THEN INSERT (kind, tenant_id, reference, due_at) VALUES (s.kind, s.tenant_id, s.reference, s.due_at)",
                kind.name(), tenantId, reference, Timestamp.from(dueAt));
    }

    void cancel(DueKind kind, String tenantId, String reference) {
        jdbc.update("DELETE FROM due_work WHERE kind = ? AND tenant_id = ? AND reference = ?", kind.name(), tenantId, reference);
    }

    /** Brings every item of a kind for a tenant forward to {@code dueAt} (never later than it was). */
    void bringForward(DueKind kind, String tenantId, Instant dueAt) {
        jdbc.update("UPDATE due_work SET due_at = ? WHERE kind = ? AND tenant_id = ? AND due_at > ?",
                Timestamp.from(dueAt), kind.name(), tenantId, Timestamp.from(dueAt));
    }

    List<DueItem> dueAt(Instant now, int limit) {
        return jdbc.query("SELECT kind, tenant_id, reference, due_at FROM due_work WHERE due_at <= ? "
                        + "ORDER BY due_at, tenant_id, kind, reference FETCH FIRST " + limit + " ROWS ONLY",
                (rs, n) -> new DueItem(DueKind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()),
                Timestamp.from(now));
    }

    /** Removes an item that was done, unless its command moved it to a later instant meanwhile. */
    void done(DueItem item) {
        jdbc.update("DELETE FROM due_work WHERE kind = ? AND tenant_id = ? AND reference = ? AND due_at <= ?",
                item.kind().name(), item.tenantId(), item.reference(), Timestamp.from(item.dueAt()));
    }
}
