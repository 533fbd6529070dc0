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
import org.commcredits.ledger.api.pool.PoolResized;
import org.commcredits.ledger.api.pool.PoolStatus;
import org.commcredits.ledger.api.pool.PoolThresholdReached;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

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

    static ConsumePoolMinutes consume(String user, long holders, String call, long minutes) {
        return new ConsumePoolMinutes(T, PoolKind.DOMESTIC, US, NOV, UserId.of(user), 3_000, holders, CallId.of(call),
                minutes);
    }

    static PoolResized resized(long holders, long sizeBefore, long used, Integer... rearmed) {
        return new PoolResized(T, ID, PoolKind.DOMESTIC, US, "2026-11", holders, 3_000, sizeBefore, holders * 3_000,
                used, holders * 3_000 - used, List.of(rearmed), NOW);
    }

    static PoolMemberJoined joined(String user, long members, long size, long remaining) {
        return new PoolMemberJoined(T, ID, PoolKind.DOMESTIC, US, "2026-11", UserId.of(user), 3_000, members, size,
                remaining, NOW);
    }

    static MinutesConsumed consumed(String call, String user, long minutes, long usedAfter, long size) {
        return new MinutesConsumed(T, ID, PoolKind.DOMESTIC, US, "2026-11", CallId.of(call), UserId.of(user), minutes,
                usedAfter, size, size - usedAfter, NOW);
    }

    static PoolThresholdReached threshold(int percent, long used, long size) {
        return new PoolThresholdReached(T, ID, PoolKind.DOMESTIC, US, "2026-11", percent, used, size, NOW);
    }

    @Test
    @DisplayName("INV-POOL-01: a new pool is sized for every holder of the plan in its country, not only the caller")
    void canSizeANewPoolForEveryHolder() {
        fixture.givenNoPriorActivity()
                .when(consume("ann", 10, "c1", 0))
                .expectEvents(resized(10, 0, 0))
                .expectResultMessagePayload(new PoolStatus(ID, 30_000, 0, 30_000, 0));
    }

    @Test
    @DisplayName("INV-POOL-01: a license assigned mid-month grows the pool, even an exhausted one")
    void canGrowAnExhaustedPoolWhenHoldersAreAdded() {
        fixture.given(resized(1, 0, 0), consumed("c0", "ann", 3_000, 3_000, 3_000), threshold(80, 3_000, 3_000),
                        threshold(100, 3_000, 3_000))
                .when(consume("ann", 2, "c1", 0))
                .expectEvents(resized(2, 3_000, 3_000, 80, 100))
                .expectResultMessagePayload(new PoolStatus(ID, 6_000, 3_000, 3_000, 0));
    }

    @Test
    @DisplayName("INV-POOL-01: a pool never shrinks within its month when licenses are removed")
    void cannotShrinkAPoolWhenHoldersAreRemoved() {
        fixture.given(resized(10, 0, 0), consumed("c0", "ann", 100, 100, 30_000))
                .when(consume("ann", 3, "c1", 60))
                .expectEvents(consumed("c1", "ann", 60, 160, 30_000))
                .expectResultMessagePayload(new PoolStatus(ID, 30_000, 160, 29_840, 60));
    }

    @Test
    @DisplayName("INV-POOL-01: a completion without a holder count (0) leaves the size as it is")
    void canConsumeWithoutAHolderCount() {
        fixture.given(resized(2, 0, 0))
                .when(consume("ann", 0, "c1", 5))
                .expectEvents(consumed("c1", "ann", 5, 5, 6_000));
    }

    @Test
    @DisplayName("INV-POOL-01: a history written by members who joined still replays, and holders take over from it")
    void canResizeAPoolWhoseHistoryHasMembers() {
        fixture.given(joined("ann", 1, 3_000, 3_000), consumed("c0", "ann", 1_000, 1_000, 3_000))
                .when(consume("bob", 4, "c1", 10))
                .expectEvents(resized(4, 3_000, 1_000), consumed("c1", "bob", 10, 1_010, 12_000))
                .expectResultMessagePayload(new PoolStatus(ID, 12_000, 1_010, 10_990, 10));
    }

    @Test
    @DisplayName("INV-POOL-04: a pool never gives more than it has")
    void cannotTakeMoreThanThePoolHas() {
        fixture.given(resized(1, 0, 0), consumed("c0", "ann", 2_390, 2_390, 3_000))
                .when(consume("ann", 1, "c1", 700))
                .expectEvents(consumed("c1", "ann", 610, 3_000, 3_000), threshold(80, 3_000, 3_000),
                        threshold(100, 3_000, 3_000))
                .expectResultMessagePayload(new PoolStatus(ID, 3_000, 3_000, 0, 610));
    }

    @Test
    @DisplayName("INV-POOL-05: each threshold alerts once a month")
    void cannotAlertTwiceForOneThreshold() {
        fixture.given(resized(1, 0, 0), consumed("c0", "ann", 2_400, 2_400, 3_000), threshold(80, 2_400, 3_000))
                .when(consume("ann", 1, "c1", 10))
                .expectEvents(consumed("c1", "ann", 10, 2_410, 3_000));
    }

    @Test
    @DisplayName("INV-POOL-05: a resize that keeps use above a reached threshold does not re-arm it")
    void cannotAlertAgainWhileAResizedPoolStaysAboveTheThreshold() {
        fixture.given(resized(10, 0, 0), consumed("c0", "ann", 29_000, 29_000, 30_000), threshold(80, 29_000, 30_000))
                .when(consume("ann", 11, "c1", 10))
                .expectEvents(resized(11, 30_000, 29_000), consumed("c1", "ann", 10, 29_010, 33_000));
    }

    @Test
    @DisplayName("INV-POOL-05: after a resize the thresholds it put out of reach alert again, of the new size")
    void canAlertAgainAfterAResize() {
        fixture.given(resized(1, 0, 0), consumed("c0", "ann", 3_000, 3_000, 3_000), threshold(80, 3_000, 3_000),
                        threshold(100, 3_000, 3_000), resized(2, 3_000, 3_000, 80, 100))
                .when(consume("bob", 2, "c1", 3_000))
                .expectEvents(consumed("c1", "bob", 3_000, 6_000, 6_000), threshold(80, 6_000, 6_000),
                        threshold(100, 6_000, 6_000));
        fixture.given(resized(1, 0, 0), consumed("c0", "ann", 2_500, 2_500, 3_000), threshold(80, 2_500, 3_000))
                .when(consume("bob", 2, "c1", 2_300))
                .expectEvents(resized(2, 3_000, 2_500, 80), consumed("c1", "bob", 2_300, 4_800, 6_000),
                        threshold(80, 4_800, 6_000));
    }

    @Test
    @DisplayName("INV-CALL-03: an immediate repeat for the same call takes nothing more")
    void canRepeatAConsumptionIdempotently() {
        fixture.given(resized(1, 0, 0), consumed("c1", "ann", 5, 5, 3_000))
                .when(consume("ann", 1, "c1", 5))
                .expectNoEvents()
                .expectResultMessagePayload(new PoolStatus(ID, 3_000, 5, 2_995, 5));
    }

    @Test
    @DisplayName("INV-POOL-03: each month has its own pool, so a new month starts full")
    void canStartEachMonthWithItsOwnPool() {
        ConsumePoolMinutes december = new ConsumePoolMinutes(T, PoolKind.DOMESTIC, US, NOV.plusMonths(1),
                UserId.of("ann"), 3_000, 1, CallId.of("c9"), 1);
        assertThat(december.aggregateId()).isNotEqualTo(consume("ann", 1, "c9", 1).aggregateId())
                .endsWith("/DOMESTIC/US/2026-12");
    }
}
