package org.commcredits.ledger.command.pool;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.pool.ConsumePoolMinutes;
import org.commcredits.ledger.api.pool.MinutesConsumed;
import org.commcredits.ledger.api.pool.PoolIds;
import org.commcredits.ledger.api.pool.PoolKind;
import org.commcredits.ledger.api.pool.PoolMemberJoined;
import org.commcredits.ledger.api.pool.PoolStatus;
import org.commcredits.ledger.api.pool.PoolThresholdReached;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class PoolTest {

    static final TenantId T = TenantId.of("contoso");
    static final CountryCode US = CountryCode.of("US");
    static final YearMonth NOV = YearMonth.of(2026, 11);
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final String ID = PoolIds.of(T, PoolKind.DOMESTIC, US, NOV);

    AggregateTestFixture<Pool> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Pool.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static ConsumePoolMinutes consume(String user, String call, long minutes) {
        return new ConsumePoolMinutes(T, PoolKind.DOMESTIC, US, NOV, UserId.of(user), 3_000, CallId.of(call), minutes);
    }

    static PoolMemberJoined joined(String user, long members, long size, long remaining) {
        return new PoolMemberJoined(T, ID, PoolKind.DOMESTIC, US, "2026-11", UserId.of(user), 3_000, members, size,
                remaining, NOW);
    }

    static MinutesConsumed consumed(String call, String user, long minutes, long usedAfter, long size) {
        return new MinutesConsumed(T, ID, PoolKind.DOMESTIC, US, "2026-11", CallId.of(call), UserId.of(user), minutes,
                usedAfter, size, size - usedAfter, NOW);
    }

    @Test
    @DisplayName("INV-POOL-01: the pool grows by the per-user minutes for each user holding the plan")
    void canGrowThePoolWithEachMember() {
        fixture.given(joined("ann", 1, 3_000, 3_000))
                .when(consume("bob", "c1", 0))
                .expectEvents(joined("bob", 2, 6_000, 6_000))
                .expectResultMessagePayload(new PoolStatus(ID, 6_000, 0, 6_000, 0));
    }

    @Test
    @DisplayName("INV-POOL-04: a pool never gives more than it has")
    void cannotTakeMoreThanThePoolHas() {
        fixture.given(joined("ann", 1, 3_000, 3_000), consumed("c0", "ann", 2_390, 2_390, 3_000))
                .when(consume("ann", "c1", 700))
                .expectEvents(consumed("c1", "ann", 610, 3_000, 3_000),
                        new PoolThresholdReached(T, ID, PoolKind.DOMESTIC, US, "2026-11", 80, 3_000, 3_000, NOW),
                        new PoolThresholdReached(T, ID, PoolKind.DOMESTIC, US, "2026-11", 100, 3_000, 3_000, NOW))
                .expectResultMessagePayload(new PoolStatus(ID, 3_000, 3_000, 0, 610));
    }

    @Test
    @DisplayName("INV-POOL-05: each threshold alerts once a month")
    void cannotAlertTwiceForOneThreshold() {
        fixture.given(joined("ann", 1, 3_000, 3_000), consumed("c0", "ann", 2_400, 2_400, 3_000),
                        new PoolThresholdReached(T, ID, PoolKind.DOMESTIC, US, "2026-11", 80, 2_400, 3_000, NOW))
                .when(consume("ann", "c1", 10))
                .expectEvents(consumed("c1", "ann", 10, 2_410, 3_000));
    }

    @Test
    @DisplayName("INV-CALL-03: an immediate repeat for the same call takes nothing more")
    void canRepeatAConsumptionIdempotently() {
        fixture.given(joined("ann", 1, 3_000, 3_000), consumed("c1", "ann", 5, 5, 3_000))
                .when(consume("ann", "c1", 5))
                .expectNoEvents()
                .expectResultMessagePayload(new PoolStatus(ID, 3_000, 5, 2_995, 5));
    }

    @Test
    @DisplayName("INV-POOL-03: each month has its own pool, so a new month starts full")
    void canStartEachMonthWithItsOwnPool() {
        ConsumePoolMinutes december = new ConsumePoolMinutes(T, PoolKind.DOMESTIC, US, NOV.plusMonths(1),
                UserId.of("ann"), 3_000, CallId.of("c9"), 1);
        assertThat(december.aggregateId()).isNotEqualTo(consume("ann", "c9", 1).aggregateId())
                .endsWith("/DOMESTIC/US/2026-12");
    }
}
