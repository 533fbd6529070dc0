package org.commcredits.ledger.command.creditaccount;

import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/** The one recharge in flight (INV-CA-07): its amount, how many attempts failed, and when the next is due. */
record PendingRecharge(String rechargeId, Money amount, int failedAttempts, Instant nextAttemptAt) {

    PendingRecharge dueAt(Instant instant) {
        return new PendingRecharge(rechargeId, amount, failedAttempts, instant);
    }
}
