package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/**
 * A tranche was bought: {@code amount} is available from {@code purchasedAt} until {@code expiresAt}
 * (12 calendar months later, INV-CA-03). {@code balanceAfter} is the account balance including it.
 * {@code rechargeId} is set when {@code source} is {@link FundingSource#AUTO_RECHARGE}.
 */
@Revision("1")
public record FundsAdded(TenantId tenantId, String trancheId, Money amount, Instant purchasedAt, Instant expiresAt,
                         String invoiceId, FundingSource source, String rechargeId, Money balanceAfter) {
}
