package org.commcredits.ledger.query.tenants;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.platform.security.LedgerPrincipal;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.platform.web.Paging;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/tenants}: the tenants that have a credit account, with balance, available amount,
 * auto-recharge state, whether the balance is low and the tenant's time zone, in tenant id order. Written
 * for the console's tenant list (issue 14), which finance staff and operators open before they pick a
 * tenant. {@code search} keeps the tenants whose id starts with it (so an exact id comes first). A
 * tenant-bound principal sees only its own tenant, as with the audit stream.
 *
 * <p>"Low" is the console's warning light, read from the row: auto-recharge is on and the available amount
 * is below its threshold, or nothing is available at all.
 */
@RestController
class TenantListController {

    /** The balance projection's processor: its rows are what this list reads. */
    private static final String BALANCE_PROCESSOR = "balance";

    private final JdbcTemplate jdbc;
    private final ProcessorPositions positions;

    TenantListController(JdbcTemplate jdbc, ProcessorPositions positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    record AutoRechargeView(boolean enabled, String threshold, String amount) {
    }

    record TenantView(String tenantId, String currency, String balance, String available, String billingAgreement,
                      AutoRechargeView autoRecharge, boolean low, String timeZone) {
    }

    @GetMapping(path = "/api/tenants", produces = "application/json")
    Paging.Page<TenantView> tenants(@RequestParam(required = false) String search,
                                    @RequestParam(required = false) String after,
                                    @RequestParam(required = false) Integer limit,
                                    @RequestParam(required = false) Long minSequence, Authentication authentication) {
        int pageSize = Paging.limit(limit);
        if (search != null && (search.length() > 128 || !search.matches("[A-Za-z0-9._@-]*"))) {
            throw new LedgerException(ErrorCode.INVALID_ID, "search must be the start of a tenant id");
        }
        if (after != null && !after.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}")) {
            throw new LedgerException(ErrorCode.INVALID_PAGING, "after must be a cursor from a previous page");
        }
        positions.awaitSequence(BALANCE_PROCESSOR, minSequence);
        StringBuilder sql = new StringBuilder("SELECT a.tenant_id, a.currency, a.balance_minor, a.held_minor, a.billing_agreement, "
                + "a.auto_recharge_enabled, a.auto_recharge_threshold_minor, a.auto_recharge_amount_minor, z.time_zone "
                + "FROM rm_account a LEFT JOIN rm_elig_pool_zone z ON z.tenant_id = a.tenant_id WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (authentication.getPrincipal() instanceof LedgerPrincipal principal && principal.isTenantBound()) {
            sql.append(" AND a.tenant_id = ?");
            args.add(principal.tenant());
        }
        if (search != null && !search.isEmpty()) {
            // LIKE with the wildcards of the id alphabet escaped: ids may hold '_' but never '%' or '\'
            sql.append(" AND a.tenant_id LIKE ? ESCAPE '\\'");
            args.add(search.replace("_", "\\_") + "%");
        }
        if (after != null) {
            sql.append(" AND a.tenant_id > ?");
            args.add(after);
        }
        sql.append(" ORDER BY a.tenant_id FETCH FIRST ").append(pageSize + 1).append(" ROWS ONLY");
        List<TenantView> rows = jdbc.query(sql.toString(), (rs, n) -> {
            String currency = rs.getString(2);
            long balance = rs.getLong(3);
            long available = balance - rs.getLong(4);
            boolean enabled = rs.getBoolean(6);
            long threshold = rs.getLong(7);
            boolean hasThreshold = !rs.wasNull();
            long amount = rs.getLong(8);
            boolean hasAmount = !rs.wasNull();
            String zone = rs.getString(9);
            boolean low = available <= 0 || (enabled && hasThreshold && available < threshold);
            return new TenantView(rs.getString(1), currency, Money.ofMinor(balance, currency).toPlainString(),
                    Money.ofMinor(available, currency).toPlainString(), rs.getString(5),
                    new AutoRechargeView(enabled, hasThreshold ? Money.ofMinor(threshold, currency).toPlainString() : null,
                            hasAmount ? Money.ofMinor(amount, currency).toPlainString() : null),
                    low, zone == null ? "UTC" : zone);
        }, args.toArray());
        if (rows.size() <= pageSize) {
            return new Paging.Page<>(rows, null);
        }
        List<TenantView> items = rows.subList(0, pageSize);
        return new Paging.Page<>(items, items.get(items.size() - 1).tenantId());
    }
}
