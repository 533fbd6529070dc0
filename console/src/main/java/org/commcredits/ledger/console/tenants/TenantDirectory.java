package org.commcredits.ledger.console.tenants;

import org.commcredits.ledger.console.api.ApiAnswer;
import org.commcredits.ledger.console.api.LedgerApi;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * A tenant's row of {@code GET /api/tenants} (currency, time zone, balance): the header of every tenant
 * page. A tenant without an account, or a role that may not list tenants, gets UTC and no currency.
 */
@Component
public class TenantDirectory {

    private final LedgerApi api;

    TenantDirectory(LedgerApi api) {
        this.api = api;
    }

    /** What a tenant page needs to know of its tenant. */
    public record Tenant(String tenantId, String currency, String timeZone, boolean hasAccount) {
    }

    public Tenant tenant(String tenantId) {
        ApiAnswer answer = api.get("/api/tenants?limit=1&search=" + tenantId);
        for (Map<String, Object> item : answer.items()) {
            if (tenantId.equals(item.get("tenantId"))) {
                return new Tenant(tenantId, (String) item.get("currency"), (String) item.get("timeZone"), true);
            }
        }
        return new Tenant(tenantId, null, "UTC", false);
    }
}
