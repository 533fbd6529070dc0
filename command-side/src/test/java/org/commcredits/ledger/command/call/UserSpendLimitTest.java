package org.commcredits.ledger.command.call;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.commcredits.ledger.api.call.RecordUserSpend;
import org.commcredits.ledger.api.call.UserSpendLimitSet;
import org.commcredits.ledger.api.call.UserSpendRecorded;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.money.Money;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class UserSpendLimitTest {

    static final TenantId T = TenantId.of("contoso");
    static final UserId U = UserId.of("ann");
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final Money LIMIT = Money.ofMinor(500, "USD");

    @Test
    @DisplayName("INV-CALL-11: spend counts per month and starts again in a new month")
    void canCountSpendPerMonth() {
        AggregateTestFixture<UserSpendLimit> fixture = new AggregateTestFixture<>(UserSpendLimit.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        UserSpendLimitSet set = new UserSpendLimitSet(T, U, LIMIT, "billing_admin", NOW);
        UserSpendRecorded november = new UserSpendRecorded(T, U, CallId.of("c1"), "2026-11", Money.ofMinor(100, "USD"),
                Money.ofMinor(100, "USD"), LIMIT, NOW);
        fixture.given(set, november)
                .when(new RecordUserSpend(T, U, CallId.of("c2"), "2026-11", Money.ofMinor(50, "USD")))
                .expectEvents(new UserSpendRecorded(T, U, CallId.of("c2"), "2026-11", Money.ofMinor(50, "USD"),
                        Money.ofMinor(150, "USD"), LIMIT, NOW));
        fixture.given(set, november)
                .when(new RecordUserSpend(T, U, CallId.of("c3"), "2026-12", Money.ofMinor(70, "USD")))
                .expectEvents(new UserSpendRecorded(T, U, CallId.of("c3"), "2026-12", Money.ofMinor(70, "USD"),
                        Money.ofMinor(70, "USD"), LIMIT, NOW));
    }

    @Test
    @DisplayName("INV-CALL-11: a record of an older month arriving late neither resets nor borrows the newer month's spend")
    void canCountSpendPerMonthWhenMonthsInterleave() {
        AggregateTestFixture<UserSpendLimit> fixture = new AggregateTestFixture<>(UserSpendLimit.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        UserSpendLimitSet set = new UserSpendLimitSet(T, U, LIMIT, "billing_admin", NOW);
        UserSpendRecorded november = new UserSpendRecorded(T, U, CallId.of("c1"), "2026-11", Money.ofMinor(100, "USD"),
                Money.ofMinor(100, "USD"), LIMIT, NOW);
        UserSpendRecorded december = new UserSpendRecorded(T, U, CallId.of("c2"), "2026-12", Money.ofMinor(40, "USD"),
                Money.ofMinor(40, "USD"), LIMIT, NOW);
        fixture.given(set, november, december)
                .when(new RecordUserSpend(T, U, CallId.of("c3"), "2026-11", Money.ofMinor(10, "USD")))
                .expectEvents(new UserSpendRecorded(T, U, CallId.of("c3"), "2026-11", Money.ofMinor(10, "USD"),
                        Money.ofMinor(110, "USD"), LIMIT, NOW));
        UserSpendRecorded lateNovember = new UserSpendRecorded(T, U, CallId.of("c3"), "2026-11", Money.ofMinor(10, "USD"),
                Money.ofMinor(110, "USD"), LIMIT, NOW);
        fixture.given(set, november, december, lateNovember)
                .when(new RecordUserSpend(T, U, CallId.of("c4"), "2026-12", Money.ofMinor(5, "USD")))
                .expectEvents(new UserSpendRecorded(T, U, CallId.of("c4"), "2026-12", Money.ofMinor(5, "USD"),
                        Money.ofMinor(45, "USD"), LIMIT, NOW));
    }
}
