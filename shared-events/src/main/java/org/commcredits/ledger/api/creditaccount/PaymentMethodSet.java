package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.Instant;

/**
 * The account's payment method changed. {@code token} is the payment provider's token for the method
 * (never a card number). A security-relevant change: {@code changedBy} is the acting principal.
 */
@Revision("1")
public record PaymentMethodSet(TenantId tenantId, String type, String token, String changedBy, Instant changedAt) {
}
