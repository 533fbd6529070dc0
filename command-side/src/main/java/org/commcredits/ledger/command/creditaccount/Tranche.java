package org.commcredits.ledger.command.creditaccount;

import org.commcredits.ledger.api.money.Money;

import java.time.Duration;
import java.time.Instant;

/**
 * One tranche of credit inside the account, bought or granted: what it started with, what remains (held parts
 * included), when it expires, whether its owner was warned of the expiry, the invoice of its purchase (null for
 * a grant, and for tranches loaded from snapshots older than revision 2) and whether it was granted (INV-CA-21).
 */
record Tranche(String trancheId, Money original, Money remaining, Instant purchasedAt, Instant expiresAt,
               boolean expiryWarned, String invoiceId, boolean granted) {

    /** INV-CA-14: the expiry warning is due this long before a tranche expires. */
    static final Duration WARNING_BEFORE_EXPIRY = Duration.ofDays(30);

    Tranche withRemaining(Money newRemaining) {
        return new Tranche(trancheId, original, newRemaining, purchasedAt, expiresAt, expiryWarned, invoiceId, granted);
    }

    Tranche warned() {
        return new Tranche(trancheId, original, remaining, purchasedAt, expiresAt, true, invoiceId, granted);
    }

    /** INV-CA-05: a tranche is expired from its expiry instant on (inclusive). */
    boolean isExpiredAt(Instant instant) {
        return !instant.isBefore(expiresAt);
    }

    /** INV-CA-21: tranches are drawn soonest expiry first, then in the order they were added. */
    boolean drawnBefore(Tranche other) {
        return expiresAt.isBefore(other.expiresAt);
    }

    boolean needsExpiryWarningAt(Instant instant) {
        return !expiryWarned && remaining.isPositive() && !isExpiredAt(instant)
                && !instant.isBefore(expiresAt.minus(WARNING_BEFORE_EXPIRY));
    }
}
