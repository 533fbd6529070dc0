package org.commcredits.ledger.command.pool;

import org.commcredits.ledger.api.call.CallType;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.api.pool.PoolKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PoolSizesTest {

    static final CountryCode US = CountryCode.of("US");
    static final CountryCode PR = CountryCode.of("PR");
    static final CountryCode CA = CountryCode.of("CA");
    static final CountryCode GB = CountryCode.of("GB");
    static final CountryCode BR = CountryCode.of("BR");

    @Test
    @DisplayName("INV-POOL-01: the table of included minutes per user")
    void canSizePoolsPerUser() {
        assertThat(PoolSizes.perUserMinutes(PoolKind.DOMESTIC, US)).isEqualTo(3_000);
        assertThat(PoolSizes.perUserMinutes(PoolKind.DOMESTIC, CA)).isEqualTo(3_000);
        assertThat(PoolSizes.perUserMinutes(PoolKind.DOMESTIC, GB)).isEqualTo(1_200);
        assertThat(PoolSizes.perUserMinutes(PoolKind.INTERNATIONAL_PLAN_DOMESTIC, GB)).isEqualTo(3_000);
        assertThat(PoolSizes.perUserMinutes(PoolKind.INTERNATIONAL_PLAN_INTERNATIONAL, GB)).isEqualTo(600);
        assertThat(PoolSizes.perUserMinutes(PoolKind.CONFERENCING_DIAL_OUT, GB)).isEqualTo(60);
    }

    @Test
    @DisplayName("INV-POOL-02: US and PR share one pool")
    void canPoolPuertoRicoWithTheUnitedStates() {
        assertThat(PoolSizes.poolCountry(PR)).isEqualTo(US);
        assertThat(PoolSizes.poolCountry(CA)).isEqualTo(CA);
        assertThat(PoolSizes.poolFor(Set.of(Sku.CALLING_PLAN_DOMESTIC), CallType.OUTBOUND, PR, US))
                .contains(PoolKind.DOMESTIC);
    }

    @Test
    void canChooseThePoolThatPaysACall() {
        Set<Sku> domestic = Set.of(Sku.CALLING_PLAN_DOMESTIC);
        Set<Sku> international = Set.of(Sku.CALLING_PLAN_INTERNATIONAL);
        assertThat(PoolSizes.poolFor(domestic, CallType.OUTBOUND, US, US)).contains(PoolKind.DOMESTIC);
        assertThat(PoolSizes.poolFor(domestic, CallType.OUTBOUND, US, GB)).isEmpty();
        assertThat(PoolSizes.poolFor(international, CallType.OUTBOUND, US, US)).contains(PoolKind.INTERNATIONAL_PLAN_DOMESTIC);
        assertThat(PoolSizes.poolFor(international, CallType.OUTBOUND, US, GB)).contains(PoolKind.INTERNATIONAL_PLAN_INTERNATIONAL);
        assertThat(PoolSizes.poolFor(Set.of(Sku.CALLING_PLAN_PAYG), CallType.OUTBOUND, US, US)).isEmpty();
        assertThat(PoolSizes.poolFor(Set.of(Sku.AUDIO_CONFERENCING), CallType.CONFERENCE_DIAL_OUT, US, GB))
                .contains(PoolKind.CONFERENCING_DIAL_OUT);
        assertThat(PoolSizes.poolFor(Set.of(Sku.AUDIO_CONFERENCING), CallType.CONFERENCE_DIAL_OUT, US, BR))
                .as("Brazil is not in Zone A").isEmpty();
        assertThat(PoolSizes.poolFor(domestic, CallType.TOLL_FREE_INBOUND, US, US)).isEqualTo(Optional.empty());
    }
}
