package org.commcredits.ledger.api.call;

import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.TenantId;

/** Event-store identifiers of calls: {@code {tenantId}/calls/{callId}}. */
public final class CallIds {

    private CallIds() {
    }

    public static String aggregateId(TenantId tenantId, CallId callId) {
        return tenantId.value() + "/calls/" + callId.value();
    }
}
