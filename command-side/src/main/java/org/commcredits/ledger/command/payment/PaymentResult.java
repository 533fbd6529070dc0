package org.commcredits.ledger.command.payment;

/** What the provider answered: paid, declined (the card said no), or unavailable (no answer in time). */
public sealed interface PaymentResult {

    /** The stable reason code recorded in events and problems: {@code PAID}, {@code PAYMENT_DECLINED}, ... */
    String code();

    record Paid(String paymentId) implements PaymentResult {
        @Override
        public String code() {
            return "PAID";
        }
    }

    record Declined(String detail) implements PaymentResult {
        @Override
        public String code() {
            return "PAYMENT_DECLINED";
        }
    }

    record Unavailable(String detail) implements PaymentResult {
        @Override
        public String code() {
            return "PAYMENT_PROVIDER_UNAVAILABLE";
        }
    }
}
