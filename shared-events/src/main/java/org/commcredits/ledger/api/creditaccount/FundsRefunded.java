package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/**
 * The payment provider gave {@code amount} of tranche {@code trancheId} back to the customer (INV-CA-22).
 * {@code remainingAfter} is what stays in the tranche: the part held for calls in progress, which was not
 * refundable. {@code refundedBy} is the acting principal; {@code balanceAfter} is the account balance after it.
 */
@Revision("1")
public record FundsRefunded(TenantId tenantId, String trancheId, Money amount, Money remainingAfter, String reason,
                            String creditNoteId, String refundedBy, Instant refundedAt, Money balanceAfter) {
}
