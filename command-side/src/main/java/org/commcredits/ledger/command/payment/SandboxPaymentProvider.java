package org.commcredits.ledger.command.payment;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox adapter, following the payment industry's well-known test tokens: {@code pm_card_visa} pays,
 * {@code pm_card_chargeDeclined} is declined, {@code pm_card_timeout} does not answer in time (simulated by a
 * short pause, {@code ledger.payments.sandbox-timeout}, then {@link PaymentResult.Unavailable}). Any other
 * token is declined as unknown. {@code pm_card_refundFail} pays, but its refunds are declined; every other token's
 * refunds go through. Results are remembered per idempotency key, as a real provider does.
 */
@Component
public class SandboxPaymentProvider implements PaymentProvider {

    public static final String PAYS = "pm_card_visa";
    public static final String DECLINES = "pm_card_chargeDeclined";
    public static final String TIMES_OUT = "pm_card_timeout";
    /** Pays charges, declines refunds (the industry's {@code pm_card_refundFail}). */
    public static final String REFUND_FAILS = "pm_card_refundFail";

    private final Duration timeout;
    private final Map<String, PaymentResult> results = new ConcurrentHashMap<>();

    public SandboxPaymentProvider(@Value("${ledger.payments.sandbox-timeout:PT0.05S}") Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public PaymentResult charge(PaymentRequest request) {
        PaymentResult first = results.get(request.idempotencyKey());
        if (first != null) {
            return first;
        }
        PaymentResult result = switch (request.token()) {
            case PAYS, REFUND_FAILS -> new PaymentResult.Paid("pay-" + UUID.randomUUID());
            case DECLINES -> new PaymentResult.Declined("Your card was declined.");
            case TIMES_OUT -> timedOut();
            default -> new PaymentResult.Declined("Unknown payment method token.");
        };
        if (!(result instanceof PaymentResult.Unavailable)) {
            results.put(request.idempotencyKey(), result);
        }
        return result;
    }

    @Override
    public PaymentResult refund(RefundRequest request) {
        return results.computeIfAbsent(request.idempotencyKey(), key -> REFUND_FAILS.equals(request.token())
                ? new PaymentResult.Declined("The refund was declined by the card issuer.")
                : new PaymentResult.Paid("re-" + UUID.randomUUID()));
    }

    private PaymentResult timedOut() {
        try {
            Thread.sleep(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new PaymentResult.Unavailable("The payment provider did not answer within " + timeout);
    }
}
