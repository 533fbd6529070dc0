package org.commcredits.ledger.query.ledger;

import org.commcredits.ledger.query.verify.Difference;
import org.commcredits.ledger.query.verify.ReadModelVerifier;
import org.commcredits.ledger.query.verify.TenantHistory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Replays the tenant's credit-account events into fresh ledger entries and compares each with its row. */
@Component
class LedgerVerifier implements ReadModelVerifier {

    private final JdbcTemplate jdbc;

    LedgerVerifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String readModel() {
        return "ledger";
    }

    @Override
    public String processor() {
        return LedgerProjection.PROCESSOR;
    }

    @Override
    public List<Difference> verify(TenantHistory history) {
        Map<Long, LedgerEntry> expected = new LinkedHashMap<>();
        long[] balance = {0};
        for (TenantHistory.Event event : history.creditAccount()) {
            LedgerEntry.of(event.sequence(), event.payload(), tenant -> balance[0]).ifPresent(entry -> {
                expected.put(entry.sequence(), entry);
                balance[0] = entry.balanceAfterMinor();
            });
        }
        Map<Long, LedgerEntry> actual = new LinkedHashMap<>();
        jdbc.query("SELECT sequence, tenant_id, occurred_at, entry_type, direction, amount_minor, currency, balance_after_minor, "
                        + "tranche_id, reference FROM rm_ledger_entry WHERE tenant_id = ? AND sequence <= ? ORDER BY sequence",
                rs -> {
                    actual.put(rs.getLong(1), new LedgerEntry(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getString(4), rs.getString(5), rs.getLong(6), rs.getString(7), rs.getLong(8),
                            rs.getString(9), rs.getString(10)));
                }, history.tenantId(), history.lastSequence());
        List<Difference> differences = new ArrayList<>();
        for (LedgerEntry want : expected.values()) {
            String row = "sequence " + want.sequence();
            LedgerEntry have = actual.remove(want.sequence());
            if (have == null) {
                differences.add(Difference.missingRow(readModel(), row));
                continue;
            }
            if (!want.equals(have)) {
                add(differences, row, "occurredAt", want.occurredAt(), have.occurredAt());
                add(differences, row, "type", want.type(), have.type());
                add(differences, row, "direction", want.direction(), have.direction());
                add(differences, row, "amount", want.amountMinor(), have.amountMinor());
                add(differences, row, "currency", want.currency(), have.currency());
                add(differences, row, "balanceAfter", want.balanceAfterMinor(), have.balanceAfterMinor());
                add(differences, row, "trancheId", want.trancheId(), have.trancheId());
                add(differences, row, "reference", want.reference(), have.reference());
            }
        }
        for (Long extra : actual.keySet()) {
            differences.add(Difference.unexpectedRow(readModel(), "sequence " + extra));
        }
        return differences;
    }

    private void add(List<Difference> differences, String row, String field, Object expected, Object actual) {
        Difference difference = Difference.compare(readModel(), row, field, expected, actual);
        if (difference != null) {
            differences.add(difference);
        }
    }
}
