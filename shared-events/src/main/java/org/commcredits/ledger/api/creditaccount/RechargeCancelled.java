package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.Instant;

/** A pending recharge (and its retries) was cancelled, e.g. because auto-recharge was turned off. */
@Revision("1")
public record RechargeCancelled(TenantId tenantId, String rechargeId, String reason, Instant cancelledAt) {
}
