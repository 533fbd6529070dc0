package org.commcredits.ledger.api.license;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.commcredits.ledger.api.license.SkuCatalog.Capability.CONFERENCE_DIAL_OUT;
import static org.commcredits.ledger.api.license.SkuCatalog.Capability.CREDITS_PAYMENT;
import static org.commcredits.ledger.api.license.SkuCatalog.Capability.DOMESTIC_MINUTES;
import static org.commcredits.ledger.api.license.SkuCatalog.Capability.INTERNATIONAL_MINUTES;
import static org.commcredits.ledger.api.license.SkuCatalog.Capability.PAY_AS_YOU_GO_CALLING;
import static org.commcredits.ledger.api.license.SkuCatalog.Capability.PHONE_SYSTEM;

/**
 * The one table of what each SKU includes, where its seats come from and whether it needs a usage location.
 * {@code docs/licensing.md} is the same table in prose, with the source of each rule; change both together.
 */
public final class SkuCatalog {

    /** What a license lets a user do. */
    public enum Capability {
        /** Teams Phone (Phone System): the PSTN capability a calling plan sits on. */
        PHONE_SYSTEM,
        /** A calling plan with a monthly pool of included domestic minutes. */
        DOMESTIC_MINUTES,
        /** A calling plan whose pool also covers international destinations. */
        INTERNATIONAL_MINUTES,
        /** A calling plan without included minutes: every minute is paid from credits. */
        PAY_AS_YOU_GO_CALLING,
        /** Dialling out of a meeting to a phone number (Audio Conferencing). */
        CONFERENCE_DIAL_OUT,
        /** Minutes beyond the included ones, and every Pay-As-You-Go minute, may be paid from the tenant's credits. */
        CREDITS_PAYMENT
    }

    /** Where a tenant's seats of a SKU come from. */
    public enum SeatSource {
        SUBSCRIPTION,
        /** Unlimited and free once the tenant's credit account is first funded. */
        CREDIT_ACCOUNT
    }

    public record Entry(Sku sku, Set<Capability> includes, boolean needsUsageLocation, SeatSource seats) {
    }

    private static final Map<Sku, Entry> TABLE = new EnumMap<>(Sku.class);

    static {
        add(Sku.COMMUNICATION_CREDITS, EnumSet.of(CREDITS_PAYMENT), true, SeatSource.CREDIT_ACCOUNT);
        add(Sku.TEAMS_PHONE, EnumSet.of(PHONE_SYSTEM), false, SeatSource.SUBSCRIPTION);
        add(Sku.AUDIO_CONFERENCING, EnumSet.of(CONFERENCE_DIAL_OUT), true, SeatSource.SUBSCRIPTION);
        add(Sku.CALLING_PLAN_DOMESTIC, EnumSet.of(DOMESTIC_MINUTES), true, SeatSource.SUBSCRIPTION);
        add(Sku.CALLING_PLAN_INTERNATIONAL, EnumSet.of(DOMESTIC_MINUTES, INTERNATIONAL_MINUTES), true, SeatSource.SUBSCRIPTION);
        add(Sku.CALLING_PLAN_PAYG, EnumSet.of(PAY_AS_YOU_GO_CALLING), true, SeatSource.SUBSCRIPTION);
        // M365_E5 includes Teams Phone and Audio Conferencing, but no calling plan and not COMMUNICATION_CREDITS.
        add(Sku.M365_E5, EnumSet.of(PHONE_SYSTEM, CONFERENCE_DIAL_OUT), false, SeatSource.SUBSCRIPTION);
    }

    private SkuCatalog() {
    }

    private static void add(Sku sku, Set<Capability> includes, boolean needsUsageLocation, SeatSource seats) {
        TABLE.put(sku, new Entry(sku, Set.copyOf(includes), needsUsageLocation, seats));
    }

    public static Entry of(Sku sku) {
        return TABLE.get(sku);
    }

    /** INV-LIC-04: calling plans, Audio Conferencing and Communication Credits need a usage location. */
    public static boolean needsUsageLocation(Sku sku) {
        return TABLE.get(sku).needsUsageLocation();
    }

    /** INV-LIC-06: COMMUNICATION_CREDITS seats come from the credit account, not from subscriptions. */
    public static boolean isSubscribable(Sku sku) {
        return TABLE.get(sku).seats() == SeatSource.SUBSCRIPTION;
    }

    /** Everything a set of SKUs lets the user do. */
    public static Set<Capability> capabilitiesOf(Set<Sku> skus) {
        EnumSet<Capability> all = EnumSet.noneOf(Capability.class);
        for (Sku sku : skus) {
            all.addAll(TABLE.get(sku).includes());
        }
        return all;
    }

    /** The calling plans among {@code skus}. */
    public static Set<Sku> callingPlans(Set<Sku> skus) {
        EnumSet<Sku> plans = EnumSet.noneOf(Sku.class);
        for (Sku sku : skus) {
            if (sku == Sku.CALLING_PLAN_DOMESTIC || sku == Sku.CALLING_PLAN_INTERNATIONAL || sku == Sku.CALLING_PLAN_PAYG) {
                plans.add(sku);
            }
        }
        return plans;
    }
}
