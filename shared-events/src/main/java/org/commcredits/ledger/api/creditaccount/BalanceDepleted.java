package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.Instant;

/** Notification: a charge or an expiry took a positive balance to zero (INV-CA-14). */
@Revision("1")
public record BalanceDepleted(TenantId tenantId, Instant depletedAt) {
}
