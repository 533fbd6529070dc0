package org.commcredits.ledger.query.verify;

import org.commcredits.ledger.query.history.AccountState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies the balance read model ({@code rm_account}, {@code rm_tranche}) against the account folded
 * from its events: currency, agreement, balance, and each tranche's original and remaining amount
 * (an expired tranche must be marked expired or gone).
 */
@Component
class BalanceVerifier implements ReadModelVerifier {

    static final String PROCESSOR = "balance";

    private final JdbcTemplate jdbc;

    BalanceVerifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String readModel() {
        return "balance";
    }

    @Override
    public String processor() {
        return PROCESSOR;
    }

    @Override
    public List<Difference> verify(TenantHistory history) {
        AccountState state = new AccountState();
        for (TenantHistory.Event event : history.creditAccount()) {
            state.apply(event.sequence(), event.payload());
        }
        List<Difference> differences = new ArrayList<>();
        String tenant = history.tenantId();
        List<Object[]> accounts = jdbc.query("SELECT currency, billing_agreement, balance_minor FROM rm_account WHERE tenant_id = ?",
                (rs, n) -> new Object[]{rs.getString(1), rs.getString(2), rs.getLong(3)}, tenant);
        if (!state.opened()) {
            if (!accounts.isEmpty()) {
                differences.add(Difference.unexpectedRow(readModel(), "account " + tenant));
            }
            return differences;
        }
        if (accounts.isEmpty()) {
            differences.add(Difference.missingRow(readModel(), "account " + tenant));
        } else {
            Object[] account = accounts.get(0);
            add(differences, "account " + tenant, "currency", state.currency(), account[0]);
            add(differences, "account " + tenant, "billingAgreement", state.billingAgreement(), account[1]);
            add(differences, "account " + tenant, "balance", state.balance(), account[2]);
        }
        Map<String, Object[]> rows = new LinkedHashMap<>();
        jdbc.query("SELECT tranche_id, original_minor, remaining_minor, expired FROM rm_tranche WHERE tenant_id = ?",
                rs -> {
                    rows.put(rs.getString(1), new Object[]{rs.getLong(2), rs.getLong(3), rs.getBoolean(4)});
                }, tenant);
        for (AccountState.Tranche tranche : state.tranches().values()) {
            String row = "tranche " + tranche.trancheId;
            Object[] have = rows.remove(tranche.trancheId);
            if (have == null) {
                if (!tranche.expired) {
                    differences.add(Difference.missingRow(readModel(), row));
                }
                continue;
            }
            add(differences, row, "original", tranche.original, have[0]);
            add(differences, row, "expired", tranche.expired, have[2]);
            if (!tranche.expired) {
                add(differences, row, "remaining", tranche.remaining, have[1]);
            }
        }
        for (String extra : rows.keySet()) {
            differences.add(Difference.unexpectedRow(readModel(), "tranche " + extra));
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
