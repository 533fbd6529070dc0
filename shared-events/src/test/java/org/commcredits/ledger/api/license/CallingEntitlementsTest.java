package org.commcredits.ledger.api.license;

import org.commcredits.ledger.api.call.CallType;
import org.commcredits.ledger.api.call.DenyReason;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.license.CallingEntitlements.Denied;
import org.commcredits.ledger.api.license.CallingEntitlements.Entitled;
import org.commcredits.ledger.api.license.CallingEntitlements.Verdict;
import org.commcredits.ledger.api.pool.PoolKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commcredits.ledger.api.call.CallType.CONFERENCE_DIAL_OUT;
import static org.commcredits.ledger.api.call.CallType.OUTBOUND;
import static org.commcredits.ledger.api.call.CallType.TOLL_FREE_INBOUND;
import static org.commcredits.ledger.api.license.Sku.AUDIO_CONFERENCING;
import static org.commcredits.ledger.api.license.Sku.CALLING_PLAN_DOMESTIC;
import static org.commcredits.ledger.api.license.Sku.CALLING_PLAN_INTERNATIONAL;
import static org.commcredits.ledger.api.license.Sku.CALLING_PLAN_PAYG;
import static org.commcredits.ledger.api.license.Sku.COMMUNICATION_CREDITS;
import static org.commcredits.ledger.api.license.Sku.M365_E5;
import static org.commcredits.ledger.api.license.Sku.TEAMS_PHONE;

class CallingEntitlementsTest {

    static final CountryCode US = CountryCode.of("US");
    static final CountryCode PR = CountryCode.of("PR");
    static final CountryCode GB = CountryCode.of("GB");
    static final CountryCode BR = CountryCode.of("BR");

    private static Verdict decide(Set<Sku> skus, CountryCode location, DialOutPolicy policy, CallType kind,
                                  CountryCode destination) {
        return CallingEntitlements.decide(new CallingEntitlements.Call(skus, location, policy, kind, destination));
    }

    private static Verdict decide(Set<Sku> skus, CallType kind, CountryCode destination) {
        return decide(skus, US, DialOutPolicy.UNRESTRICTED, kind, destination);
    }

    @Test
    @DisplayName("INV-LIC-11: M365_E5 includes Audio Conferencing, so it may dial out of a meeting and holds its pool")
    void canDialOutOfAMeetingWithE5() {
        assertThat(decide(Set.of(M365_E5), CONFERENCE_DIAL_OUT, GB)).isEqualTo(new Entitled(PoolKind.CONFERENCING_DIAL_OUT, false));
        assertThat(decide(Set.of(M365_E5, COMMUNICATION_CREDITS), CONFERENCE_DIAL_OUT, BR)).isEqualTo(new Entitled(null, true));
        assertThat(CallingEntitlements.poolPlansHeld(Set.of(M365_E5))).containsExactly(AUDIO_CONFERENCING);
        assertThat(decide(Set.of(TEAMS_PHONE, CALLING_PLAN_DOMESTIC), CONFERENCE_DIAL_OUT, GB))
                .isEqualTo(new Denied(DenyReason.NO_CALLING_LICENSE));
    }

    @Test
    @DisplayName("INV-LIC-10: a Domestic Calling Plan without Teams Phone cannot call; with it, or with E5, it can")
    void cannotCallOnAPlanWithoutTeamsPhone() {
        assertThat(decide(Set.of(CALLING_PLAN_DOMESTIC, COMMUNICATION_CREDITS), OUTBOUND, US))
                .isEqualTo(new Denied(DenyReason.NO_CALLING_LICENSE));
        assertThat(decide(Set.of(TEAMS_PHONE, CALLING_PLAN_DOMESTIC), OUTBOUND, US)).isEqualTo(new Entitled(PoolKind.DOMESTIC, false));
        assertThat(decide(Set.of(M365_E5, CALLING_PLAN_DOMESTIC), OUTBOUND, US)).isEqualTo(new Entitled(PoolKind.DOMESTIC, false));
        assertThat(decide(Set.of(TEAMS_PHONE), OUTBOUND, US)).isEqualTo(new Denied(DenyReason.NO_CALLING_LICENSE));
    }

    @Test
    @DisplayName("INV-POOL-02 and INV-LIC-14: the pool that pays a call first; US and PR are one country")
    void canChooseThePoolThatPaysACall() {
        Set<Sku> domestic = Set.of(TEAMS_PHONE, CALLING_PLAN_DOMESTIC);
        Set<Sku> international = Set.of(TEAMS_PHONE, CALLING_PLAN_INTERNATIONAL);
        assertThat(CallingEntitlements.poolCountry(PR)).isEqualTo(US);
        assertThat(decide(domestic, PR, null, OUTBOUND, US)).isEqualTo(new Entitled(PoolKind.DOMESTIC, false));
        assertThat(decide(domestic, OUTBOUND, GB)).isEqualTo(new Entitled(null, false));
        assertThat(decide(international, OUTBOUND, US)).isEqualTo(new Entitled(PoolKind.INTERNATIONAL_PLAN_DOMESTIC, false));
        assertThat(decide(international, OUTBOUND, GB)).isEqualTo(new Entitled(PoolKind.INTERNATIONAL_PLAN_INTERNATIONAL, false));
        assertThat(decide(Set.of(TEAMS_PHONE, CALLING_PLAN_DOMESTIC, CALLING_PLAN_INTERNATIONAL), OUTBOUND, US))
                .as("the Domestic plan wins").isEqualTo(new Entitled(PoolKind.DOMESTIC, false));
        assertThat(decide(Set.of(TEAMS_PHONE, CALLING_PLAN_PAYG, COMMUNICATION_CREDITS), OUTBOUND, US))
                .isEqualTo(new Entitled(null, true));
        assertThat(decide(Set.of(AUDIO_CONFERENCING), CONFERENCE_DIAL_OUT, BR)).as("Brazil is not in Zone A")
                .isEqualTo(new Entitled(null, false));
        assertThat(decide(Set.of(), TOLL_FREE_INBOUND, US)).isEqualTo(new Entitled(null, true));
        assertThat(decide(domestic, OUTBOUND, null)).as("an unknown country is no pool's").isEqualTo(new Entitled(null, false));
    }

    @Test
    @DisplayName("INV-LIC-16: no usage location, no call")
    void cannotCallWithoutUsageLocation() {
        assertThat(decide(Set.of(TEAMS_PHONE, CALLING_PLAN_DOMESTIC), null, null, OUTBOUND, US))
                .isEqualTo(new Denied(DenyReason.USAGE_LOCATION_REQUIRED));
    }

    @Test
    @DisplayName("INV-CALL-13: the PSTN dial-out policy; DOMESTIC_ONLY counts US and PR as one country")
    void canRestrictPstnCalls() {
        Set<Sku> skus = Set.of(TEAMS_PHONE, CALLING_PLAN_INTERNATIONAL, COMMUNICATION_CREDITS);
        DialOutPolicy domesticOnly = new DialOutPolicy(PstnDialOut.DOMESTIC_ONLY, ConferenceDialOut.ANY_DESTINATION);
        DialOutPolicy none = new DialOutPolicy(PstnDialOut.NONE, ConferenceDialOut.ANY_DESTINATION);
        Denied restricted = new Denied(DenyReason.DIAL_OUT_RESTRICTED);
        assertThat(decide(skus, US, domesticOnly, OUTBOUND, GB)).isEqualTo(restricted);
        assertThat(decide(skus, US, domesticOnly, OUTBOUND, null)).isEqualTo(restricted);
        assertThat(decide(skus, US, domesticOnly, OUTBOUND, PR)).isInstanceOf(Entitled.class);
        assertThat(decide(skus, US, none, OUTBOUND, US)).isEqualTo(restricted);
        assertThat(decide(skus, US, none, CONFERENCE_DIAL_OUT, GB)).as("PSTN policy does not bind meetings")
                .isEqualTo(new Denied(DenyReason.NO_CALLING_LICENSE));
        assertThat(decide(Set.of(TEAMS_PHONE), US, none, OUTBOUND, US)).as("the license is checked first")
                .isEqualTo(new Denied(DenyReason.NO_CALLING_LICENSE));
        assertThat(decide(skus, US, none, TOLL_FREE_INBOUND, GB)).as("inbound is not dial-out").isInstanceOf(Entitled.class);
    }

    @Test
    @DisplayName("INV-CALL-13: the conference dial-out policy: same country, Zone A, none")
    void canRestrictConferenceDialOut() {
        Set<Sku> skus = Set.of(AUDIO_CONFERENCING, COMMUNICATION_CREDITS);
        Denied restricted = new Denied(DenyReason.DIAL_OUT_RESTRICTED);
        DialOutPolicy sameCountry = new DialOutPolicy(PstnDialOut.INTERNATIONAL_AND_DOMESTIC, ConferenceDialOut.SAME_COUNTRY);
        DialOutPolicy zoneA = new DialOutPolicy(PstnDialOut.INTERNATIONAL_AND_DOMESTIC, ConferenceDialOut.ZONE_A);
        DialOutPolicy none = new DialOutPolicy(PstnDialOut.INTERNATIONAL_AND_DOMESTIC, ConferenceDialOut.NONE);
        assertThat(decide(skus, US, sameCountry, CONFERENCE_DIAL_OUT, GB)).isEqualTo(restricted);
        assertThat(decide(skus, US, sameCountry, CONFERENCE_DIAL_OUT, US)).isEqualTo(new Entitled(PoolKind.CONFERENCING_DIAL_OUT, true));
        assertThat(decide(skus, US, zoneA, CONFERENCE_DIAL_OUT, GB)).isEqualTo(new Entitled(PoolKind.CONFERENCING_DIAL_OUT, true));
        assertThat(decide(skus, BR, zoneA, CONFERENCE_DIAL_OUT, BR)).as("domestic, but not Zone A").isEqualTo(restricted);
        assertThat(decide(skus, US, none, CONFERENCE_DIAL_OUT, US)).isEqualTo(restricted);
        assertThat(decide(Set.of(TEAMS_PHONE, CALLING_PLAN_DOMESTIC), US, none, OUTBOUND, US))
                .as("the conference policy does not bind PSTN calls").isInstanceOf(Entitled.class);
    }

    @Test
    @DisplayName("INV-CALL-06: credits are refused for a missing account before a missing license")
    void canOrderTheCreditRefusals() {
        Entitled withoutLicense = new Entitled(null, false);
        assertThat(CallingEntitlements.creditsRefusal(withoutLicense, false)).contains(DenyReason.ACCOUNT_NOT_FOUND);
        assertThat(CallingEntitlements.creditsRefusal(withoutLicense, true)).contains(DenyReason.NO_COMMUNICATION_CREDITS_LICENSE);
        assertThat(CallingEntitlements.creditsRefusal(new Entitled(null, true), true)).isEmpty();
    }

    @Test
    @DisplayName("A user's override wins field by field over the tenant's policy; no policy is unrestricted")
    void canOverrideTheTenantPolicyPerField() {
        DialOutPolicy tenant = new DialOutPolicy(PstnDialOut.DOMESTIC_ONLY, ConferenceDialOut.ZONE_A);
        assertThat(DialOutPolicy.effective(tenant, PstnDialOut.NONE, null))
                .isEqualTo(new DialOutPolicy(PstnDialOut.NONE, ConferenceDialOut.ZONE_A));
        assertThat(DialOutPolicy.effective(null, null, null)).isEqualTo(DialOutPolicy.UNRESTRICTED);
    }
}
