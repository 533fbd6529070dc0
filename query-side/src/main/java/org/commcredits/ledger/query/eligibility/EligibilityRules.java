package org.commcredits.ledger.query.eligibility;

import org.commcredits.ledger.api.call.CallType;
import org.commcredits.ledger.api.call.DenyReason;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.license.CallingEntitlements;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.api.pool.PoolKind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Eligibility: the calling rules of {@link CallingEntitlements} (the same class the call path authorises with,
 * INV-CALL-12) applied to the facts the read model copied from events, for each kind of call and class of
 * destination, plus what pays (INV-LIC-17). A pure function of those facts, so a rebuilt read model decides
 * exactly as the live one did.
 */
final class EligibilityRules {

    /** The pool of Audio Conferencing dial-out minutes, in {@code rm_elig_pool.pool}. */
    static final String CONFERENCE_POOL = Sku.AUDIO_CONFERENCING.name();

    /**
     * The International plan's minutes to other countries, in {@code rm_elig_pool.pool}: rating keeps them in a
     * pool of their own (600 per user), apart from the plan's domestic minutes ({@code CALLING_PLAN_INTERNATIONAL}).
     */
    static final String INTERNATIONAL_MINUTES_POOL = PoolKind.INTERNATIONAL_PLAN_INTERNATIONAL.name();

    private EligibilityRules() {
    }

    static Eligibility decide(EligibilityFacts.User user, EligibilityFacts.Account account, EligibilityFacts.Pools pools) {
        Map<CallType, Map<Destination, Eligibility.Scope>> calls = new EnumMap<>(CallType.class);
        for (CallType kind : CallType.values()) {
            Map<Destination, Eligibility.Scope> scopes = new EnumMap<>(Destination.class);
            for (Destination destination : Destination.values()) {
                scopes.put(destination, scope(user, account, pools, kind, destination));
            }
            calls.put(kind, scopes);
        }
        return new Eligibility(calls);
    }

    private static Eligibility.Scope scope(EligibilityFacts.User user, EligibilityFacts.Account account,
                                           EligibilityFacts.Pools pools, CallType kind, Destination destination) {
        CountryCode location = user.usageLocation() == null ? null : CountryCode.of(user.usageLocation());
        CallingEntitlements.Verdict verdict = CallingEntitlements.decide(new CallingEntitlements.Call(user.known(), user.skus(),
                location, user.dialOutPolicy(), kind, representative(location, destination)));
        if (verdict instanceof CallingEntitlements.Denied denied) {
            return Eligibility.Scope.denied(List.of(reason(denied.reason(), kind)));
        }
        CallingEntitlements.Entitled entitled = (CallingEntitlements.Entitled) verdict;
        // INV-LIC-15: included minutes pay first while the pool for the user's country lasts this month.
        boolean includedLeft = entitled.pool() != null
                && !pools.exhausted(PoolEligibility.poolName(entitled.pool()), user.usageLocation());
        List<FundedBy> fundedBy = new ArrayList<>();
        if (includedLeft) {
            fundedBy.add(FundedBy.INCLUDED_MINUTES);
        }
        Optional<DenyReason> refused = CallingEntitlements.creditsRefusal(entitled, account.exists());
        Reason creditsMissing = refused.map(r -> reason(r, kind)).orElse(null);
        if (refused.isEmpty()) { // INV-LIC-12: a positive available balance, or MCA (postpaid once drained)
            if (account.availableMinor() > 0) {
                fundedBy.add(FundedBy.CREDITS);
            } else if (account.isMca()) {
                fundedBy.add(FundedBy.POSTPAID);
            } else {
                creditsMissing = Reason.INSUFFICIENT_CREDITS;
            }
        }
        if (!fundedBy.isEmpty()) {
            return new Eligibility.Scope(true, List.copyOf(fundedBy), List.of());
        }
        List<Reason> reasons = new ArrayList<>();
        if (entitled.pool() != null) {
            reasons.add(Reason.INCLUDED_MINUTES_EXHAUSTED);
        }
        reasons.add(creditsMissing);
        return Eligibility.Scope.denied(reasons);
    }

    /**
     * A country standing for every destination of its class, seen from {@code location}: the rules treat all
     * destinations of one class alike (CallingEntitlements looks only at "same pool country" and "Zone A").
     */
    static CountryCode representative(CountryCode location, Destination destination) {
        String home = location == null ? null : CallingEntitlements.poolCountry(location).value();
        return switch (destination) {
            case DOMESTIC -> location;
            case INTERNATIONAL_ZONE_A -> CountryCode.of("GB".equals(home) ? "FR" : "GB");
            case INTERNATIONAL_OTHER -> CountryCode.of("BR".equals(home) ? "IN" : "BR");
        };
    }

    /**
     * The read model's code for a deny reason. Conference dial-out without its license keeps this read
     * model's more precise code (authorisation answers it as {@code NO_CALLING_LICENSE}).
     */
    static Reason reason(DenyReason reason, CallType kind) {
        if (reason == DenyReason.NO_CALLING_LICENSE && kind == CallType.CONFERENCE_DIAL_OUT) {
            return Reason.NO_AUDIO_CONFERENCING_LICENSE;
        }
        return Reason.valueOf(reason.name());
    }
}
