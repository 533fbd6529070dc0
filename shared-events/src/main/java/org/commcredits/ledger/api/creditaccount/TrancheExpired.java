package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/**
 * A tranche reached its expiry instant; its remainder {@code forfeited} (possibly zero) is gone
 * (INV-CA-05). {@code expiredAt} is the tranche's expiry instant, not the moment the sweep noticed it.
 */
@Revision("1")
public record TrancheExpired(TenantId tenantId, String trancheId, Money forfeited, Money balanceAfter, Instant expiredAt) {
}
