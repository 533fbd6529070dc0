package org.commcredits.ledger.command.call;

import org.commcredits.ledger.api.call.CallType;
import org.commcredits.ledger.api.call.DenyReason;
import org.commcredits.ledger.api.call.E164Number;
import org.commcredits.ledger.api.call.FundedBy;
import org.commcredits.ledger.api.creditaccount.AccountStanding;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.license.CallingEntitlements;
import org.commcredits.ledger.api.license.UserCallingProfile;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.pool.PoolKind;
import org.commcredits.ledger.api.pool.PoolRef;
import org.commcredits.ledger.api.rating.Rate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The authorisation decision without Spring, Axon or a database: facts in, a typed decision out. */
class CallDecisionsTest {

    private static final TenantId T = TenantId.of("contoso");
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Rate RATE = new Rate("main", 1, "1", "United States", "USD", 200, 0, NOW.minusSeconds(3600));
    private static final PoolRef POOL = new PoolRef(PoolKind.DOMESTIC, CountryCode.of("US"), "2026-11");
    private static final CallingEntitlements.Verdict ENTITLED = new CallingEntitlements.Entitled(POOL.kind(), true);

    private static AccountStanding account(BillingAgreement agreement, long availableMinor) {
        return new AccountStanding(T, "USD", agreement, Money.ofMinor(availableMinor, "USD"), Money.ofMinor(availableMinor, "USD"));
    }

    private static CallFacts facts(CallType type, AccountStanding account, Rate rate, CallingEntitlements.Verdict verdict,
                                   PoolRef pool, long poolLeft, Optional<SpendLimitQueries.Standing> limit) {
        UserCallingProfile profile = new UserCallingProfile(T, UserId.of("ann"), true, CountryCode.of("US"), Set.of(),
                Map.of(), null);
        return new CallFacts(T, CallId.of("c1"), UserId.of("ann"), E164Number.of("+12025550100"), CountryCode.of("US"),
                type, NOW, "2026-11", account, rate, profile, verdict, pool, poolLeft, limit);
    }

    @Test
    @DisplayName("INV-CALL-08: the pool pays first while it has minutes")
    void canPayFromThePool() {
        assertThat(CallDecisions.decide(facts(CallType.OUTBOUND, null, null, ENTITLED, POOL, 10, Optional.empty()), 240))
                .isEqualTo(new CallDecisions.Grant(FundedBy.INCLUDED_MINUTES, POOL, null, 600L));
    }

    @Test
    @DisplayName("INV-CALL-06: a drained pool falls to credits: account first, then license, then rate")
    void cannotPayFromCreditsWithoutWhatTheyNeed() {
        assertThat(CallDecisions.decide(facts(CallType.OUTBOUND, null, null, ENTITLED, POOL, 0, Optional.empty()), 240))
                .isEqualTo(new CallDecisions.Deny(DenyReason.ACCOUNT_NOT_FOUND));
        AccountStanding funded = account(BillingAgreement.DIRECT, 1000);
        assertThat(CallDecisions.decide(facts(CallType.OUTBOUND, funded, RATE, new CallingEntitlements.Entitled(null, false),
                null, 0, Optional.empty()), 240)).isEqualTo(new CallDecisions.Deny(DenyReason.NO_COMMUNICATION_CREDITS_LICENSE));
        assertThat(CallDecisions.decide(facts(CallType.OUTBOUND, funded, null, ENTITLED, POOL, 0, Optional.empty()), 240))
                .isEqualTo(new CallDecisions.Deny(DenyReason.NO_RATE_FOR_DESTINATION));
        assertThat(CallDecisions.decide(facts(CallType.OUTBOUND, funded, RATE,
                new CallingEntitlements.Denied(DenyReason.DIAL_OUT_RESTRICTED), null, 0, Optional.empty()), 240))
                .isEqualTo(new CallDecisions.Deny(DenyReason.DIAL_OUT_RESTRICTED));
    }

    @Test
    @DisplayName("INV-CALL-04/11: credit holds what the balance and the user's limit allow, capped")
    void canHoldCredit() {
        AccountStanding funded = account(BillingAgreement.DIRECT, 1000); // 10.00 at 0.02 a minute: 500 minutes
        CallDecisions.Authorization hold = CallDecisions.decide(facts(CallType.OUTBOUND, funded, RATE, ENTITLED, POOL, 0,
                Optional.empty()), 240);
        assertThat(hold).isEqualTo(new CallDecisions.HoldCredits(POOL, "call-c1", 240, Money.ofMinor(480, "USD"), true));
        SpendLimitQueries.Standing limit = new SpendLimitQueries.Standing(Money.ofMinor(100, "USD"), Money.ofMinor(90, "USD"));
        assertThat(CallDecisions.decide(facts(CallType.OUTBOUND, funded, RATE, ENTITLED, POOL, 0, Optional.of(limit)), 240))
                .isEqualTo(new CallDecisions.HoldCredits(POOL, "call-c1", 5, Money.ofMinor(10, "USD"), true));
        SpendLimitQueries.Standing spent = new SpendLimitQueries.Standing(Money.ofMinor(100, "USD"), Money.ofMinor(99, "USD"));
        assertThat(CallDecisions.decide(facts(CallType.OUTBOUND, funded, RATE, ENTITLED, POOL, 0, Optional.of(spent)), 240))
                .isEqualTo(new CallDecisions.Deny(DenyReason.USER_SPEND_LIMIT_REACHED));
        FundsReserved reserved = new FundsReserved(T, "call-c1", Money.ofMinor(100, "USD"), List.of(), Money.ofMinor(0, "USD"),
                NOW, NOW.plusSeconds(60));
        assertThat(CallDecisions.afterHold(facts(CallType.OUTBOUND, funded, RATE, ENTITLED, POOL, 0, Optional.empty()),
                (CallDecisions.HoldCredits) hold, reserved))
                .isEqualTo(new CallDecisions.Grant(FundedBy.CREDITS, POOL, "call-c1", 50L * 60));
    }

    @Test
    @DisplayName("INV-CALL-07/09: nothing held is postpaid on MCA, denied on DIRECT; toll-free is never postpaid")
    void canFallToPostpaidOnlyOnMca() {
        AccountStanding drainedMca = account(BillingAgreement.MCA, 0);
        AccountStanding drainedDirect = account(BillingAgreement.DIRECT, 0);
        assertThat(CallDecisions.decide(facts(CallType.OUTBOUND, drainedDirect, RATE, ENTITLED, null, 0, Optional.empty()), 240))
                .isEqualTo(new CallDecisions.Deny(DenyReason.INSUFFICIENT_CREDITS));
        assertThat(CallDecisions.decide(facts(CallType.OUTBOUND, drainedMca, RATE, ENTITLED, null, 0, Optional.empty()), 240))
                .isInstanceOf(CallDecisions.Grant.class).extracting("fundedBy").isEqualTo(FundedBy.POSTPAID);
        assertThat(CallDecisions.decide(facts(CallType.TOLL_FREE_INBOUND, drainedMca, RATE,
                new CallingEntitlements.Entitled(null, true), null, 0, Optional.empty()), 240))
                .isEqualTo(new CallDecisions.Deny(DenyReason.INSUFFICIENT_CREDITS));
    }
}
