package org.commcredits.ledger.api.pool;

import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.YearMonth;

/**
 * Names one month's pool of a tenant: kind, pool country (PR is pooled with US) and {@code YYYY-MM} in the
 * tenant's pool time zone (UTC unless set; INV-POOL-06).
 */
public record PoolRef(PoolKind kind, CountryCode country, String month) {

    public String id(TenantId tenantId) {
        return PoolIds.of(tenantId, kind, country, YearMonth.parse(month));
    }
}
