package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/**
 * Notification: a tranche with credit left expires within 30 days (INV-CA-14). Emitted once per tranche;
 * {@code remaining} is what is left in it when the warning is given.
 */
@Revision("1")
public record TrancheExpiringSoon(TenantId tenantId, String trancheId, Money remaining, Instant expiresAt,
                                  Instant warnedAt) {
}
