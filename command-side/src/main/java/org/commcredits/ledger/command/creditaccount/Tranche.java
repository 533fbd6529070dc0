package org.commcredits.ledger.command.creditaccount;

import org.commcredits.ledger.api.money.Money;

import java.time.Duration;
import java.time.Instant;

/**
 * One purchase of credit inside the account: what was bought, what remains (held parts included), when it
 * expires, and whether its owner was warned of the expiry.
 */
record Tranche(String trancheId, Money original, Money remaining, Instant purchasedAt, Instant expiresAt,
               boolean expiryWarned) {

    /** INV-CA-14: the expiry warning is due this long before a tranche expires. */
    static final Duration WARNING_BEFORE_EXPIRY = Duration.ofDays(30);

    Tranche withRemaining(Money newRemaining) {
        return new Tranche(trancheId, original, newRemaining, purchasedAt, expiresAt, expiryWarned);
    }

    Tranche warned() {
        return new Tranche(trancheId, original, remaining, purchasedAt, expiresAt, true);
    }

    /** INV-CA-05: a tranche is expired from its expiry instant on (inclusive). */
    boolean isExpiredAt(Instant instant) {
        return !instant.isBefore(expiresAt);
    }

    boolean needsExpiryWarningAt(Instant instant) {
        return !expiryWarned && remaining.isPositive() && !isExpiredAt(instant)
                && !instant.isBefore(expiresAt.minus(WARNING_BEFORE_EXPIRY));
    }
}
