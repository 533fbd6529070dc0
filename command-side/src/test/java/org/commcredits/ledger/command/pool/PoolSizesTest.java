package org.commcredits.ledger.command.pool;

import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.pool.PoolKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class PoolSizesTest {

    static final CountryCode US = CountryCode.of("US");
    static final CountryCode CA = CountryCode.of("CA");
    static final CountryCode GB = CountryCode.of("GB");

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
}
