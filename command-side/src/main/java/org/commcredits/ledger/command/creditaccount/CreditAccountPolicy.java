package org.commcredits.ledger.command.creditaccount;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * The configurable numbers of the account's time-based rules, injected into command handlers.
 *
 * <p>{@code ledger.credit-account.reservation-timeout} (default 2 hours) releases a hold whose caller named no
 * expiry; {@code ledger.credit-account.recharge-retry-backoff} (default 1 min, 10 min, 1 h) is the wait before
 * each retry of a failed recharge: its length bounds the retries (INV-CA-07).
 */
@Component
public class CreditAccountPolicy {

    private final Duration reservationTimeout;
    private final List<Duration> rechargeRetryBackoff;

    public CreditAccountPolicy(@Value("${ledger.credit-account.reservation-timeout:PT2H}") Duration reservationTimeout,
                               @Value("${ledger.credit-account.recharge-retry-backoff:PT1M,PT10M,PT1H}") List<Duration> rechargeRetryBackoff) {
        this.reservationTimeout = reservationTimeout;
        this.rechargeRetryBackoff = List.copyOf(rechargeRetryBackoff);
    }

    public static CreditAccountPolicy defaults() {
        return new CreditAccountPolicy(Duration.ofHours(2),
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1)));
    }

    Duration reservationTimeout() {
        return reservationTimeout;
    }

    /** How long to wait after failed attempt number {@code attempt} (1-based); null when retries are used up. */
    Duration retryAfter(int attempt) {
        return attempt <= rechargeRetryBackoff.size() ? rechargeRetryBackoff.get(attempt - 1) : null;
    }
}
