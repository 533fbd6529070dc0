package org.commcredits.ledger.api.pool;

import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.YearMonth;

/**
 * Event-store identifiers of pools: {@code {tenantId}/pools/{kind}/{country}/{YYYY-MM}}. A pool lives for
 * one calendar month, so a new month starts from an empty pool (INV-POOL-03).
 */
public final class PoolIds {

    private PoolIds() {
    }

    public static String of(TenantId tenantId, PoolKind kind, CountryCode country, YearMonth month) {
        return tenantId.value() + "/pools/" + kind.name() + "/" + country.value() + "/" + month;
    }
}
