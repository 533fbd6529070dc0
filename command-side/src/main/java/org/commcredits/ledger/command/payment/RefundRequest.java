package org.commcredits.ledger.command.payment;

import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

/**
 * One refund to make: {@code amount} of the payment that bought {@code trancheId}, back to the payment method
 * {@code token} on file, once per {@code idempotencyKey}.
 */
public record RefundRequest(TenantId tenantId, String token, Money amount, String trancheId, String idempotencyKey) {
}
