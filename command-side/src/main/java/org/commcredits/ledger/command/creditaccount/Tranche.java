package org.commcredits.ledger.command.creditaccount;

import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/** One purchase of credit inside the account: what was bought, what remains, and when it expires. */
record Tranche(String trancheId, Money original, Money remaining, Instant purchasedAt, Instant expiresAt) {

    Tranche withRemaining(Money newRemaining) {
        return new Tranche(trancheId, original, newRemaining, purchasedAt, expiresAt);
    }

    boolean isExpiredAt(Instant instant) {
        return !instant.isBefore(expiresAt);
    }
}
