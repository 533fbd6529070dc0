package org.commcredits.ledger.query.history;

import org.commcredits.ledger.api.creditaccount.AutoRechargeConfigured;
import org.commcredits.ledger.api.creditaccount.BillingAgreementChanged;
import org.commcredits.ledger.api.creditaccount.CreditAccountOpened;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsGranted;
import org.commcredits.ledger.api.creditaccount.FundsRefunded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.creditaccount.ReservationReleased;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.TranchePortion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A credit account's balance-relevant state folded from its events in a fresh, in-memory model: the
 * tranches with what remains in each, holds, auto-recharge and billing agreement. Used for as-of answers
 * (folding only events that had happened by the instant) and by verification (folding every event).
 *
 * <p>It copies numbers from events (remaining after each portion, expiry) and never re-decides a rule;
 * the one thing it reads off the clock is INV-RM-03: a tranche counts as expired from its expiry instant,
 * even if the {@code TrancheExpired} event was written later by the sweep.
 */
public final class AccountState {

    /** The event types that change this state. */
    public static final Set<Class<?>> TYPES = Set.of(CreditAccountOpened.class, FundsAdded.class, FundsConsumed.class,
            FundsGranted.class, FundsRefunded.class, TrancheExpired.class, FundsReserved.class, ReservationReleased.class, AutoRechargeConfigured.class,
            BillingAgreementChanged.class);

    /** One tranche as the fold sees it. */
    public static final class Tranche {
        public final String trancheId;
        public final long original;
        public long remaining;
        public final Instant purchasedAt;
        public final Instant expiresAt;
        public boolean expired;
        /** A goodwill grant (INV-CA-21), not a purchase. */
        public final boolean granted;

        Tranche(String trancheId, long original, Instant purchasedAt, Instant expiresAt, boolean granted) {
            this.granted = granted;
            this.trancheId = trancheId;
            this.original = original;
            this.remaining = original;
            this.purchasedAt = purchasedAt;
            this.expiresAt = expiresAt;
        }
    }

    private String currency;
    private String billingAgreement;
    private boolean opened;
    private boolean autoRechargeEnabled;
    private Long autoRechargeThreshold;
    private Long autoRechargeAmount;
    private long lastSequence;
    private final Map<String, Tranche> tranches = new LinkedHashMap<>();
    private final Map<String, Long> holds = new HashMap<>();
    private final Map<String, Instant> holdsEnd = new HashMap<>();

    /** The instant at which an event took effect, from its payload (business time, not storage time). */
    public static Instant effectiveAt(Object event) {
        if (event instanceof CreditAccountOpened e) {
            return e.openedAt();
        } else if (event instanceof FundsAdded e) {
            return e.purchasedAt();
        } else if (event instanceof FundsConsumed e) {
            return e.occurredAt();
        } else if (event instanceof FundsGranted e) {
            return e.grantedAt();
        } else if (event instanceof FundsRefunded e) {
            return e.refundedAt();
        } else if (event instanceof TrancheExpired e) {
            return e.expiredAt();
        } else if (event instanceof FundsReserved e) {
            return e.reservedAt();
        } else if (event instanceof ReservationReleased e) {
            return e.releasedAt();
        } else if (event instanceof AutoRechargeConfigured e) {
            return e.changedAt();
        } else if (event instanceof BillingAgreementChanged e) {
            return e.changedAt();
        }
        return null;
    }

    /**
     * True for events stamped with the ledger clock when they were decided (so their instants never go
     * back along the stream); false for expiries and releases, which carry the end they record.
     */
    public static boolean stampedWithDecisionTime(Object event) {
        return !(event instanceof TrancheExpired) && !(event instanceof ReservationReleased);
    }

    /**
     * One step of a fold up to {@code asOf}, for events in stream order: applies the event when it took effect
     * at or before {@code asOf}; answers false once no later event can (the caller may stop reading). Finish the
     * fold with {@link #expireUpTo(Instant)}.
     */
    public boolean offer(CreditAccountEvents.Stored stored, Instant asOf) {
        Instant at = effectiveAt(stored.payload());
        if (at == null) {
            return true;
        }
        if (!at.isAfter(asOf)) {
            apply(stored.sequence(), stored.payload());
            return true;
        }
        // Decisions are stamped with the ledger clock, which never goes back: once one is after asOf, so
        // is every later one. Only expiries and releases carry an earlier instant (the tranche's or
        // hold's own end), and those ends are applied from the instants themselves (expireUpTo).
        return !stampedWithDecisionTime(stored.payload());
    }

    /** The account as it stood at {@code asOf}, folded from its events in stream order. */
    public static AccountState at(List<CreditAccountEvents.Stored> events, Instant asOf) {
        AccountState state = new AccountState();
        for (CreditAccountEvents.Stored stored : events) {
            if (!state.offer(stored, asOf)) {
                break;
            }
        }
        state.expireUpTo(asOf);
        return state;
    }

    public void apply(long sequence, Object event) {
        lastSequence = sequence;
        if (event instanceof CreditAccountOpened e) {
            opened = true;
            currency = e.currency();
            billingAgreement = e.billingAgreement().name();
        } else if (event instanceof FundsAdded e) {
            tranches.putIfAbsent(e.trancheId(), new Tranche(e.trancheId(), e.amount().minor(), e.purchasedAt(), e.expiresAt(), false));
        } else if (event instanceof FundsGranted e) {
            tranches.putIfAbsent(e.trancheId(), new Tranche(e.trancheId(), e.amount().minor(), e.grantedAt(), e.expiresAt(), true));
        } else if (event instanceof FundsRefunded e) {
            Tranche tranche = tranches.get(e.trancheId());
            if (tranche != null) {
                tranche.remaining = e.remainingAfter().minor();
            }
        } else if (event instanceof FundsConsumed e) {
            for (TranchePortion portion : e.portions()) {
                Tranche tranche = tranches.get(portion.trancheId());
                if (tranche != null) {
                    tranche.remaining = portion.remainingAfter().minor();
                }
            }
        } else if (event instanceof TrancheExpired e) {
            Tranche tranche = tranches.get(e.trancheId());
            if (tranche != null) {
                tranche.expired = true;
            }
        } else if (event instanceof FundsReserved e) {
            holds.put(e.reservationId(), e.amount().minor());
            holdsEnd.put(e.reservationId(), e.expiresAt());
        } else if (event instanceof ReservationReleased e) {
            holds.remove(e.reservationId());
            holdsEnd.remove(e.reservationId());
        } else if (event instanceof AutoRechargeConfigured e) {
            autoRechargeEnabled = e.enabled();
            autoRechargeThreshold = e.threshold() == null ? null : e.threshold().minor();
            autoRechargeAmount = e.amount() == null ? null : e.amount().minor();
        } else if (event instanceof BillingAgreementChanged e) {
            billingAgreement = e.to().name();
        }
    }

    /**
     * Marks tranches whose expiry instant is not after {@code instant} as expired (INV-RM-03), and ends
     * holds whose timeout has passed, whether or not their events have been written yet.
     */
    public void expireUpTo(Instant instant) {
        holdsEnd.forEach((reservation, end) -> {
            if (end != null && !end.isAfter(instant)) {
                holds.remove(reservation);
            }
        });
        for (Tranche tranche : tranches.values()) {
            if (!tranche.expiresAt.isAfter(instant)) {
                tranche.expired = true;
            }
        }
    }

    /** Tranches that still hold credit, in drawing order: soonest expiry first, then oldest (INV-CA-21). */
    public List<Tranche> liveTranches() {
        List<Tranche> live = new ArrayList<>();
        for (Tranche tranche : tranches.values()) {
            if (!tranche.expired && tranche.remaining > 0) {
                live.add(tranche);
            }
        }
        live.sort(java.util.Comparator.<Tranche, Instant>comparing(t -> t.expiresAt).thenComparing(t -> t.purchasedAt)
                .thenComparing(t -> t.trancheId));
        return live;
    }

    public Map<String, Tranche> tranches() {
        return tranches;
    }

    public long balance() {
        long sum = 0;
        for (Tranche tranche : tranches.values()) {
            if (!tranche.expired) {
                sum += tranche.remaining;
            }
        }
        return sum;
    }

    /** What remains in live granted tranches (INV-CA-21); the rest of the balance was paid for. */
    public long granted() {
        long sum = 0;
        for (Tranche tranche : tranches.values()) {
            if (!tranche.expired && tranche.granted) {
                sum += tranche.remaining;
            }
        }
        return sum;
    }

    public long held() {
        long sum = 0;
        for (long amount : holds.values()) {
            sum += amount;
        }
        return sum;
    }

    public boolean opened() {
        return opened;
    }

    public String currency() {
        return currency;
    }

    public String billingAgreement() {
        return billingAgreement;
    }

    public boolean autoRechargeEnabled() {
        return autoRechargeEnabled;
    }

    public Long autoRechargeThreshold() {
        return autoRechargeThreshold;
    }

    public Long autoRechargeAmount() {
        return autoRechargeAmount;
    }

    public long lastSequence() {
        return lastSequence;
    }
}
