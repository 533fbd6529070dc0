package org.commcredits.ledger.command.creditaccount;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.commcredits.ledger.api.creditaccount.AddFunds;
import org.commcredits.ledger.api.creditaccount.BalanceDepleted;
import org.commcredits.ledger.api.creditaccount.BalanceRecovered;
import org.commcredits.ledger.api.creditaccount.ChargeUsage;
import org.commcredits.ledger.api.creditaccount.ConfigureLowBalanceAlert;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.LowBalanceAlertConfigured;
import org.commcredits.ledger.api.creditaccount.LowBalanceAlertRaised;
import org.commcredits.ledger.api.creditaccount.ProcessDueWork;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.TranchePortion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.ADMIN;
import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.T0;
import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.TENANT;
import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.card;
import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.funded;
import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.opened;
import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.usd;

/** INV-CA-20: the low-balance alert fires once per downward crossing, with or without auto-recharge, and re-arms. */
class CreditAccountAlertTest {

    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));
    private AggregateTestFixture<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = CreditAccountFixtures.fixture(clock);
    }

    private Instant now() {
        return clock.instant();
    }

    private Object[] fundedWithAlert() {
        return new Object[] {opened(), card("pm_card_visa"), funded("tr-1", "100.00", T0, "100.00"),
                new LowBalanceAlertConfigured(TENANT, usd("20.00"), ADMIN, T0)};
    }

    @Test
    @DisplayName("a crossing inside a single charge raises the alert in the same command, auto-recharge off")
    void crossingInsideOneCharge() {
        fixture.given(fundedWithAlert())
                .when(new ChargeUsage(TENANT, "c1", "call-1", null, usd("85.00")))
                .expectEvents(new FundsConsumed(TENANT, "c1", "call-1", null, usd("85.00"),
                                List.of(new TranchePortion("tr-1", usd("85.00"), usd("15.00"))), usd("15.00"), now()),
                        new LowBalanceAlertRaised(TENANT, usd("15.00"), usd("20.00"), now()));
    }

    @Test
    @DisplayName("charges below the threshold after the crossing raise nothing more; depletion is its own notification")
    void oncePerCrossing() {
        fixture.given(fundedWithAlert())
                .andGiven(new FundsConsumed(TENANT, "c1", "call-1", null, usd("85.00"),
                                List.of(new TranchePortion("tr-1", usd("85.00"), usd("15.00"))), usd("15.00"), T0),
                        new LowBalanceAlertRaised(TENANT, usd("15.00"), usd("20.00"), T0))
                .when(new ChargeUsage(TENANT, "c2", "call-2", null, usd("15.00")))
                .expectEvents(new FundsConsumed(TENANT, "c2", "call-2", null, usd("15.00"),
                                List.of(new TranchePortion("tr-1", usd("15.00"), usd("0.00"))), usd("0.00"), now()),
                        new BalanceDepleted(TENANT, now()));
    }

    @Test
    @DisplayName("a funding that lifts the balance to the threshold or above re-arms the alert (BalanceRecovered); the next crossing fires again")
    void recoversAndFiresAgain() {
        fixture.given(fundedWithAlert())
                .andGiven(new FundsConsumed(TENANT, "c1", "call-1", null, usd("85.00"),
                                List.of(new TranchePortion("tr-1", usd("85.00"), usd("15.00"))), usd("15.00"), T0),
                        new LowBalanceAlertRaised(TENANT, usd("15.00"), usd("20.00"), T0))
                .when(new AddFunds(TENANT, "tr-2", "inv-tr-2", new BigDecimal("50.00"), ADMIN))
                .expectEvents(funded("tr-2", "50.00", now(), "65.00"),
                        new BalanceRecovered(TENANT, usd("65.00"), usd("20.00"), now()),
                        CreditAccountFixtures.fundingInvoice("tr-2", 1, "50.00", now()),
                        new org.commcredits.ledger.api.creditaccount.CommunicationCreditsEnabled(TENANT, now(), "tr-2"));
        fixture.given(fundedWithAlert())
                .andGiven(new LowBalanceAlertRaised(TENANT, usd("15.00"), usd("20.00"), T0),
                        new BalanceRecovered(TENANT, usd("65.00"), usd("20.00"), T0))
                .when(new ChargeUsage(TENANT, "c3", "call-3", null, usd("85.00")))
                .expectEvents(new FundsConsumed(TENANT, "c3", "call-3", null, usd("85.00"),
                                List.of(new TranchePortion("tr-1", usd("85.00"), usd("15.00"))), usd("15.00"), now()),
                        new LowBalanceAlertRaised(TENANT, usd("15.00"), usd("20.00"), now()));
    }

    @Test
    @DisplayName("an expiry that takes the balance below the threshold raises the alert")
    void expiryCrosses() {
        Instant expiry = T0.atZone(java.time.ZoneOffset.UTC).plusMonths(12).toInstant();
        clock.set(expiry.plusSeconds(1));
        fixture.given(fundedWithAlert())
                .when(new ProcessDueWork(TENANT))
                .expectEvents(new TrancheExpired(TENANT, "tr-1", usd("100.00"), usd("0.00"), expiry),
                        new BalanceDepleted(TENANT, now()),
                        new LowBalanceAlertRaised(TENANT, usd("0.00"), usd("20.00"), now()));
    }

    @Test
    @DisplayName("setting a threshold above the balance raises the alert at once; the same threshold again changes nothing; null clears it")
    void configuring() {
        fixture.given(opened(), card("pm_card_visa"), funded("tr-1", "10.00", T0, "10.00"))
                .when(new ConfigureLowBalanceAlert(TENANT, new BigDecimal("20.00"), ADMIN))
                .expectEvents(new LowBalanceAlertConfigured(TENANT, usd("20.00"), ADMIN, now()),
                        new LowBalanceAlertRaised(TENANT, usd("10.00"), usd("20.00"), now()));
        fixture.given(fundedWithAlert())
                .when(new ConfigureLowBalanceAlert(TENANT, new BigDecimal("20.00"), ADMIN))
                .expectNoEvents();
        fixture.given(fundedWithAlert())
                .when(new ConfigureLowBalanceAlert(TENANT, null, ADMIN))
                .expectEvents(new LowBalanceAlertConfigured(TENANT, null, ADMIN, now()));
        fixture.given(opened(), card("pm_card_visa"), funded("tr-1", "100.00", T0, "100.00"),
                        new LowBalanceAlertConfigured(TENANT, null, ADMIN, T0))
                .when(new ChargeUsage(TENANT, "c1", "call-1", null, usd("95.00")))
                .expectEvents(new FundsConsumed(TENANT, "c1", "call-1", null, usd("95.00"),
                        List.of(new TranchePortion("tr-1", usd("95.00"), usd("5.00"))), usd("5.00"), now()));
    }
}
