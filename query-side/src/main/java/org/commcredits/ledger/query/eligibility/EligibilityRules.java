package org.commcredits.ledger.query.eligibility;

import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.api.license.SkuCatalog;
import org.commcredits.ledger.api.license.SkuCatalog.Capability;
import org.commcredits.ledger.api.pool.PoolKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The eligibility rules, each with its id (docs/invariants.md, "Licensing"). A pure function of the facts
 * the read model copied from events, so a rebuilt read model decides exactly as the live one did.
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
        Set<Capability> capabilities = SkuCatalog.capabilitiesOf(user.skus());
        Credits credits = credits(user, account);
        return new Eligibility(
                outbound(user, capabilities, credits, pools, false),
                outbound(user, capabilities, credits, pools, true),
                conference(user, capabilities, credits, pools));
    }

    private static Eligibility.Scope outbound(EligibilityFacts.User user, Set<Capability> capabilities, Credits credits,
                                              EligibilityFacts.Pools pools, boolean international) {
        List<Reason> reasons = new ArrayList<>();
        // INV-LIC-16: calling licenses apply in the usage location; without one nothing can dial out.
        if (user.usageLocation() == null) {
            reasons.add(Reason.USAGE_LOCATION_REQUIRED);
        }
        // INV-LIC-10: a calling plan on top of Teams Phone (M365_E5 includes Teams Phone, not a calling plan).
        boolean hasPlan = capabilities.contains(Capability.DOMESTIC_MINUTES)
                || capabilities.contains(Capability.PAY_AS_YOU_GO_CALLING);
        if (!capabilities.contains(Capability.PHONE_SYSTEM) || !hasPlan) {
            reasons.add(Reason.NO_CALLING_LICENSE);
        }
        if (!reasons.isEmpty()) {
            return Eligibility.Scope.denied(reasons);
        }
        // INV-LIC-15: included minutes pay first while the plan's pool for the user's country lasts.
        // INV-LIC-13: Pay-As-You-Go has no included minutes. INV-LIC-14: international destinations are
        // included only in the International plan; on a Domestic plan they are paid from credits.
        boolean planIncludesThese = international
                ? user.skus().contains(Sku.CALLING_PLAN_INTERNATIONAL)
                : capabilities.contains(Capability.DOMESTIC_MINUTES);
        boolean includedLeft = international
                ? user.skus().contains(Sku.CALLING_PLAN_INTERNATIONAL)
                        && !pools.exhausted(INTERNATIONAL_MINUTES_POOL, user.usageLocation())
                : poolLeft(pools, Sku.CALLING_PLAN_DOMESTIC, user) || poolLeft(pools, Sku.CALLING_PLAN_INTERNATIONAL, user);
        return funded(planIncludesThese, includedLeft, credits);
    }

    private static Eligibility.Scope conference(EligibilityFacts.User user, Set<Capability> capabilities, Credits credits,
                                                EligibilityFacts.Pools pools) {
        List<Reason> reasons = new ArrayList<>();
        if (user.usageLocation() == null) {
            reasons.add(Reason.USAGE_LOCATION_REQUIRED);
        }
        // INV-LIC-11: conference dial-out needs Audio Conferencing (included in M365_E5).
        if (!capabilities.contains(Capability.CONFERENCE_DIAL_OUT)) {
            reasons.add(Reason.NO_AUDIO_CONFERENCING_LICENSE);
        }
        if (!reasons.isEmpty()) {
            return Eligibility.Scope.denied(reasons);
        }
        boolean included = !pools.exhausted(CONFERENCE_POOL, user.usageLocation());
        return funded(true, included, credits);
    }

    /** INV-LIC-17: what pays for the next minute, in drawing order; denied with reasons when nothing does. */
    private static Eligibility.Scope funded(boolean planIncludesMinutes, boolean includedLeft, Credits credits) {
        List<FundedBy> fundedBy = new ArrayList<>();
        if (planIncludesMinutes && includedLeft) {
            fundedBy.add(FundedBy.INCLUDED_MINUTES);
        }
        if (credits.source() != null) {
            fundedBy.add(credits.source());
        }
        if (!fundedBy.isEmpty()) {
            return new Eligibility.Scope(true, List.copyOf(fundedBy), List.of());
        }
        List<Reason> reasons = new ArrayList<>();
        if (planIncludesMinutes) {
            reasons.add(Reason.INCLUDED_MINUTES_EXHAUSTED);
        }
        reasons.add(credits.missing());
        return Eligibility.Scope.denied(reasons);
    }

    private static boolean poolLeft(EligibilityFacts.Pools pools, Sku plan, EligibilityFacts.User user) {
        return user.skus().contains(plan) && !pools.exhausted(plan.name(), user.usageLocation());
    }

    /** Whether credits can pay, and if not, why: exactly one of the two is set. */
    private record Credits(FundedBy source, Reason missing) {
    }

    /**
     * INV-LIC-12: credits pay only for a user with the COMMUNICATION_CREDITS license (M365_E5 does not replace
     * it) on a tenant with a positive available balance, or on an MCA agreement, where a drained balance is
     * billed after the fact (postpaid).
     */
    private static Credits credits(EligibilityFacts.User user, EligibilityFacts.Account account) {
        if (!user.skus().contains(Sku.COMMUNICATION_CREDITS)) {
            return new Credits(null, Reason.NO_COMMUNICATION_CREDITS_LICENSE);
        }
        if (!account.exists()) {
            return new Credits(null, Reason.ACCOUNT_NOT_FOUND);
        }
        if (account.availableMinor() > 0) {
            return new Credits(FundedBy.CREDITS, null);
        }
        if (account.isMca()) {
            return new Credits(FundedBy.POSTPAID, null);
        }
        return new Credits(null, Reason.INSUFFICIENT_CREDITS);
    }
}
