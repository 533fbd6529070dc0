package org.commcredits.ledger.command.call;

import org.commcredits.ledger.api.call.CallType;
import org.commcredits.ledger.api.call.DenyReason;
import org.commcredits.ledger.api.call.FundedBy;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.license.CallingEntitlements;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.pool.PoolRef;
import org.commcredits.ledger.command.rating.Rating;

import java.util.Optional;

/**
 * The authorisation decision (INV-CALL-06), a pure function of {@link CallFacts}: no look-up, no command.
 * {@link CallDesk} gathers the facts, asks {@link #decide}, and acts on the typed answer; when the answer is to
 * hold credit, what the account actually held is decided on by {@link #afterHold}.
 */
final class CallDecisions {

    /** What to do with a call. */
    sealed interface Authorization permits Deny, Grant, HoldCredits {
    }

    /** Deny with {@code reason}. */
    record Deny(DenyReason reason) implements Authorization {
    }

    /** Allow, paid by {@code fundedBy}, for at most {@code maxDurationSeconds} (null: no cap, postpaid). */
    record Grant(FundedBy fundedBy, PoolRef pool, String reservationId, Long maxDurationSeconds)
            implements Authorization {
    }

    /** Ask the account to hold {@code amount} for {@code minutes} of the call, then decide {@link #afterHold}. */
    record HoldCredits(PoolRef pool, String reservationId, long minutes, Money amount, boolean postpaidAllowed)
            implements Authorization {
    }

    private CallDecisions() {
    }

    static Authorization decide(CallFacts facts, long maxReservedMinutes) {
        if (facts.type() == CallType.TOLL_FREE_INBOUND) { // INV-CALL-07: credit only, denied at zero
            if (facts.account() == null) {
                return new Deny(DenyReason.ACCOUNT_NOT_FOUND);
            }
            if (facts.rate() == null) {
                return new Deny(DenyReason.NO_RATE_FOR_DESTINATION);
            }
            return onCredit(facts, null, false, maxReservedMinutes);
        }
        if (facts.verdict() instanceof CallingEntitlements.Denied denied) { // INV-CALL-12, INV-CALL-13
            return new Deny(denied.reason());
        }
        CallingEntitlements.Entitled entitled = (CallingEntitlements.Entitled) facts.verdict();
        if (facts.pool() != null && facts.poolMinutesLeft() > 0) { // INV-CALL-08: the pool pays first
            return new Grant(FundedBy.INCLUDED_MINUTES, facts.pool(), null, facts.poolMinutesLeft() * 60);
        }
        Optional<DenyReason> refused = CallingEntitlements.creditsRefusal(entitled, facts.account() != null);
        if (refused.isPresent()) {
            return new Deny(refused.get());
        }
        if (facts.rate() == null) {
            return new Deny(DenyReason.NO_RATE_FOR_DESTINATION);
        }
        return onCredit(facts, facts.pool(), true, maxReservedMinutes);
    }

    private static Authorization onCredit(CallFacts facts, PoolRef pool, boolean postpaidAllowed,
                                          long maxReservedMinutes) {
        Money budget = facts.account().available();
        Optional<SpendLimitQueries.Standing> limit = facts.spendLimit()
                .filter(l -> l.limit().currency().equals(facts.rate().currency()));
        if (limit.isPresent()) { // INV-CALL-11: the user's monthly limit caps what a call may cost
            Money remaining = limit.get().remaining();
            if (Rating.affordableMinutes(facts.rate(), remaining, 1) == 0) {
                return new Deny(DenyReason.USER_SPEND_LIMIT_REACHED);
            }
            budget = budget.min(remaining);
        }
        if (postpaidAllowed && facts.account().isPostpaid()) { // INV-CALL-09: a drained MCA account pays later
            return new Grant(FundedBy.POSTPAID, pool, null, null);
        }
        long affordable = Rating.affordableMinutes(facts.rate(), budget, maxReservedMinutes);
        if (affordable == 0) {
            return nothingHeld(facts, pool, postpaidAllowed);
        }
        return new HoldCredits(pool, "call-" + facts.callId().value(), affordable,
                Rating.charge(facts.rate(), affordable), postpaidAllowed);
    }

    /** INV-CALL-04: the minutes what the account held pays for; nothing held is postpaid on MCA, else a denial. */
    static Authorization afterHold(CallFacts facts, HoldCredits hold, FundsReserved reserved) {
        long covered = reserved == null ? 0 : Rating.affordableMinutes(facts.rate(), reserved.amount(), hold.minutes());
        if (covered == 0) {
            return nothingHeld(facts, hold.pool(), hold.postpaidAllowed());
        }
        return new Grant(FundedBy.CREDITS, hold.pool(), hold.reservationId(), covered * 60);
    }

    private static Authorization nothingHeld(CallFacts facts, PoolRef pool, boolean postpaidAllowed) {
        return postpaidAllowed && facts.account().billingAgreement() == BillingAgreement.MCA
                ? new Grant(FundedBy.POSTPAID, pool, null, null) : new Deny(DenyReason.INSUFFICIENT_CREDITS);
    }
}
