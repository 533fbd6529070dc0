package org.commcredits.ledger.command.payment;

import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

/** One payment to take: from the payment method {@code token}, {@code amount}, once per {@code idempotencyKey}. */
public record PaymentRequest(TenantId tenantId, String token, Money amount, String idempotencyKey) {
}
