package org.commcredits.ledger.api.license;

import org.commcredits.ledger.api.ids.TenantId;

/** Where licensing lives in the event store: one aggregate per tenant, {@code {tenantId}/licenses}. */
public final class LicenseIds {

    private LicenseIds() {
    }

    public static String aggregateId(TenantId tenantId) {
        return tenantId.value() + "/licenses";
    }
}
