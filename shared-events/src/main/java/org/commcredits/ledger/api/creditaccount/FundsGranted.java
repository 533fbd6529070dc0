package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/**
 * Credit was granted (goodwill), not bought: a tranche of {@code amount} with a cost basis of zero and no invoice,
 * available from {@code grantedAt} until {@code expiresAt} (at most 12 calendar months later; INV-CA-21).
 * {@code grantedBy} is the acting principal; {@code balanceAfter} includes the grant.
 */
@Revision("1")
public record FundsGranted(TenantId tenantId, String trancheId, Money amount, Instant grantedAt, Instant expiresAt,
                           String reason, String grantedBy, Money balanceAfter) {
}
