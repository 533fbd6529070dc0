package org.commcredits.ledger.command.creditaccount;

import org.commcredits.ledger.api.creditaccount.TrancheHold;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;
import java.util.List;

/** A live hold for an authorised call: how much, from which tranches, until when. */
record Reservation(String reservationId, Money amount, List<TrancheHold> holds, Instant reservedAt, Instant expiresAt,
                   Money availableAfter) {

    Reservation {
        holds = List.copyOf(holds);
    }

    Money heldOn(String trancheId) {
        Money sum = Money.zero(amount.currency());
        for (TrancheHold hold : holds) {
            if (hold.trancheId().equals(trancheId)) {
                sum = sum.plus(hold.amount());
            }
        }
        return sum;
    }

    /** The hold without its part on a tranche that expired (that part was forfeited with the tranche). */
    Reservation withoutTranche(String trancheId) {
        List<TrancheHold> kept = holds.stream().filter(hold -> !hold.trancheId().equals(trancheId)).toList();
        return new Reservation(reservationId, amount.minus(heldOn(trancheId)), kept, reservedAt, expiresAt, availableAfter);
    }
}
