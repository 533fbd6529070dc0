package org.commcredits.ledger.command.payment;

/**
 * The port to whoever takes card payments. Called by the credit account before it adds a tranche, under the
 * account's lock, so two payments for one account never overlap. Implementations must honour
 * {@link PaymentRequest#idempotencyKey()}: a repeat with the same key answers the first result and charges
 * nothing again (a command retried after a concurrency conflict repeats its payment call).
 */
public interface PaymentProvider {

    PaymentResult charge(PaymentRequest request);

    /**
     * Gives {@link RefundRequest#amount()} of an earlier payment back to the customer, once per
     * {@link RefundRequest#idempotencyKey()}: {@link PaymentResult.Paid} when the refund went through.
     */
    PaymentResult refund(RefundRequest request);
}
