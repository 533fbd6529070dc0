package org.commcredits.ledger.command.creditaccount;

import org.commcredits.ledger.api.money.Money;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The account's tranches in drawing order with what each has free of holds: THE walk of INV-CA-04 (oldest
 * first), written once for holds and charges alike.
 */
record Tranches(List<Tranche> inDrawingOrder, Function<Tranche, Money> free) {

    /** A part of one tranche taken by a walk. */
    record Take(Tranche tranche, Money amount) {

        /** What the tranche keeps once this part is consumed. */
        Money remainingAfter() {
            return tranche.remaining().minus(amount);
        }
    }

    /**
     * Up to {@code amount}, taken from the free part of each tranche in drawing order; the takes add up to
     * {@code amount}, or to everything free when that is less.
     */
    List<Take> oldestFirst(Money amount) {
        List<Take> takes = new ArrayList<>();
        Money left = amount;
        for (Tranche tranche : inDrawingOrder) {
            if (!left.isPositive()) {
                break;
            }
            Money take = left.min(free.apply(tranche));
            if (take.isPositive()) {
                takes.add(new Take(tranche, take));
                left = left.minus(take);
            }
        }
        return List.copyOf(takes);
    }
}
