package org.commcredits.ledger.api.license;

import org.commcredits.ledger.api.call.CallType;
import org.commcredits.ledger.api.call.DenyReason;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.license.SkuCatalog.Capability;
import org.commcredits.ledger.api.pool.PoolKind;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * THE calling rules, once: whether a user's licenses, usage location and dial-out policy entitle them to a
 * call of a kind to a destination country, and if so which included-minute pool pays first and whether
 * credits may pay the rest. A pure function of its input; the call path ({@code CallDesk}) authorises with
 * it and the eligibility read model ({@code EligibilityRules}) answers with it, so the two cannot disagree
 * (INV-CALL-12, proved by {@code CallingAgreementPropertyTest}). What is checked, in this order:
 *
 * <ol>
 *   <li>toll-free inbound needs no user license: credits pay (INV-CALL-07);</li>
 *   <li>a user licensing has never heard of holds no calling license: {@code NO_CALLING_LICENSE};</li>
 *   <li>a usage location (INV-LIC-16): {@code USAGE_LOCATION_REQUIRED};</li>
 *   <li>a calling license for the kind (INV-LIC-10, INV-LIC-11): outbound needs Teams Phone (in M365_E5) and a
 *       calling plan; conference dial-out needs Audio Conferencing (in M365_E5): {@code NO_CALLING_LICENSE};</li>
 *   <li>the dial-out policy (INV-CALL-13): {@code DIAL_OUT_RESTRICTED}, before any pool or credit is looked at;</li>
 *   <li>the pool that pays first (INV-POOL-01, INV-LIC-14), and whether credits may pay (INV-LIC-12: the
 *       COMMUNICATION_CREDITS license; M365_E5 does not include it).</li>
 * </ol>
 * Funding itself (whether the pool has minutes, the account exists and has money) depends on state each side
 * reads in its own way; the order in which those gates deny is {@link #creditsRefusal}, also here.
 */
public final class CallingEntitlements {

    /**
     * What the rules are asked about. {@code destination} is null when the number's country is unknown;
     * {@code knownUser} is false for a user licensing has never heard of.
     */
    public record Call(boolean knownUser, Set<Sku> licenses, CountryCode usageLocation, DialOutPolicy policy,
                       CallType kind, CountryCode destination) {

        public Call {
            licenses = Set.copyOf(licenses);
            policy = policy == null ? DialOutPolicy.UNRESTRICTED : policy;
            Objects.requireNonNull(kind, "kind");
        }

        /** A user licensing knows. */
        public Call(Set<Sku> licenses, CountryCode usageLocation, DialOutPolicy policy, CallType kind,
                    CountryCode destination) {
            this(true, licenses, usageLocation, policy, kind, destination);
        }
    }

    /** The answer: entitled (with what may pay) or denied with a reason. */
    public sealed interface Verdict permits Entitled, Denied {
    }

    /** The call may be placed; {@code pool} (null when none) pays first, then credits if {@code creditsMayPay}. */
    public record Entitled(PoolKind pool, boolean creditsMayPay) implements Verdict {

        public Optional<PoolKind> firstPool() {
            return Optional.ofNullable(pool);
        }
    }

    public record Denied(DenyReason reason) implements Verdict {
    }

    private CallingEntitlements() {
    }

    public static Verdict decide(Call call) {
        if (call.kind() == CallType.TOLL_FREE_INBOUND) { // INV-CALL-07: charged to the tenant, no license needed
            return new Entitled(null, true);
        }
        if (!call.knownUser()) { // no license was ever assigned to them, nor a usage location set
            return new Denied(DenyReason.NO_CALLING_LICENSE);
        }
        if (call.usageLocation() == null) { // INV-LIC-16
            return new Denied(DenyReason.USAGE_LOCATION_REQUIRED);
        }
        Set<Capability> capabilities = SkuCatalog.capabilitiesOf(call.licenses());
        if (!holdsCallingLicense(capabilities, call.kind())) { // INV-LIC-10, INV-LIC-11
            return new Denied(DenyReason.NO_CALLING_LICENSE);
        }
        boolean domestic = isDomestic(call.usageLocation(), call.destination());
        if (restricted(call.policy(), call.kind(), domestic, call.destination())) { // INV-CALL-13
            return new Denied(DenyReason.DIAL_OUT_RESTRICTED);
        }
        return new Entitled(pool(call, capabilities, domestic), call.licenses().contains(Sku.COMMUNICATION_CREDITS));
    }

    /**
     * INV-CALL-06: the order in which paying from credits is refused when the pool cannot pay: the account must
     * exist (a missing resource comes before a business rule), then the user needs the COMMUNICATION_CREDITS
     * license. Empty when credits may be asked (balance, rate and limits are the caller's to check).
     */
    public static Optional<DenyReason> creditsRefusal(Entitled entitled, boolean accountExists) {
        if (!accountExists) {
            return Optional.of(DenyReason.ACCOUNT_NOT_FOUND);
        }
        if (!entitled.creditsMayPay()) {
            return Optional.of(DenyReason.NO_COMMUNICATION_CREDITS_LICENSE);
        }
        return Optional.empty();
    }

    /** INV-POOL-02: US and PR share one pool country; every other country is its own. */
    public static CountryCode poolCountry(CountryCode country) {
        return country != null && "PR".equals(country.value()) ? CountryCode.of("US") : country;
    }

    /** Domestic: the destination is in the usage location's country, US and PR counting as one. */
    public static boolean isDomestic(CountryCode usageLocation, CountryCode destination) {
        return usageLocation != null && destination != null
                && poolCountry(usageLocation).equals(poolCountry(destination));
    }

    /**
     * INV-POOL-01: the pool plans a user with {@code licenses} counts as a holder of, by the pool's SKU
     * ({@link PoolKind#sku()}): a calling plan's own, and AUDIO_CONFERENCING for anyone whose licenses include
     * conference dial-out (M365_E5 too).
     */
    public static Set<Sku> poolPlansHeld(Set<Sku> licenses) {
        Set<Capability> capabilities = SkuCatalog.capabilitiesOf(licenses);
        EnumSet<Sku> held = EnumSet.noneOf(Sku.class);
        if (licenses.contains(Sku.CALLING_PLAN_DOMESTIC)) {
            held.add(Sku.CALLING_PLAN_DOMESTIC);
        }
        if (licenses.contains(Sku.CALLING_PLAN_INTERNATIONAL)) {
            held.add(Sku.CALLING_PLAN_INTERNATIONAL);
        }
        if (capabilities.contains(Capability.CONFERENCE_DIAL_OUT)) {
            held.add(Sku.AUDIO_CONFERENCING);
        }
        return held;
    }

    private static boolean holdsCallingLicense(Set<Capability> capabilities, CallType kind) {
        if (kind == CallType.CONFERENCE_DIAL_OUT) {
            return capabilities.contains(Capability.CONFERENCE_DIAL_OUT);
        }
        boolean plan = capabilities.contains(Capability.DOMESTIC_MINUTES)
                || capabilities.contains(Capability.PAY_AS_YOU_GO_CALLING);
        return plan && capabilities.contains(Capability.PHONE_SYSTEM);
    }

    private static boolean restricted(DialOutPolicy policy, CallType kind, boolean domestic, CountryCode destination) {
        if (kind == CallType.CONFERENCE_DIAL_OUT) {
            return switch (policy.conference()) {
                case ANY_DESTINATION -> false;
                case SAME_COUNTRY -> !domestic;
                case ZONE_A -> !ZoneA.contains(destination);
                case NONE -> true;
            };
        }
        return switch (policy.pstn()) {
            case INTERNATIONAL_AND_DOMESTIC -> false;
            case DOMESTIC_ONLY -> !domestic;
            case NONE -> true;
        };
    }

    /** The pool paying first; the Domestic plan wins over the International plan's domestic minutes. */
    private static PoolKind pool(Call call, Set<Capability> capabilities, boolean domestic) {
        if (call.destination() == null) {
            return null;
        }
        if (call.kind() == CallType.CONFERENCE_DIAL_OUT) {
            return capabilities.contains(Capability.CONFERENCE_DIAL_OUT) && ZoneA.contains(call.destination())
                    ? PoolKind.CONFERENCING_DIAL_OUT : null;
        }
        if (domestic && call.licenses().contains(Sku.CALLING_PLAN_DOMESTIC)) {
            return PoolKind.DOMESTIC;
        }
        if (call.licenses().contains(Sku.CALLING_PLAN_INTERNATIONAL)) {
            return domestic ? PoolKind.INTERNATIONAL_PLAN_DOMESTIC : PoolKind.INTERNATIONAL_PLAN_INTERNATIONAL;
        }
        return null;
    }
}
