package org.commcredits.ledger.command.creditaccount;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.commcredits.ledger.api.creditaccount.AttemptRecharge;
import org.commcredits.ledger.api.creditaccount.AutoRechargeConfigured;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.ChangeBillingAgreement;
import org.commcredits.ledger.api.creditaccount.ChargeUsage;
import org.commcredits.ledger.api.creditaccount.ConfigureAutoRecharge;
import org.commcredits.ledger.api.creditaccount.FundingSource;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.InvoiceIssued;
import org.commcredits.ledger.api.creditaccount.InvoiceKind;
import org.commcredits.ledger.api.creditaccount.InvoiceLine;
import org.commcredits.ledger.api.creditaccount.InvoiceStatus;
import org.commcredits.ledger.api.creditaccount.LowBalanceWarned;
import org.commcredits.ledger.api.creditaccount.PaymentMethodSet;
import org.commcredits.ledger.api.creditaccount.ProcessDueWork;
import org.commcredits.ledger.api.creditaccount.RechargeCancelled;
import org.commcredits.ledger.api.creditaccount.RechargeFailed;
import org.commcredits.ledger.api.creditaccount.RechargeTriggered;
import org.commcredits.ledger.api.creditaccount.SetPaymentMethod;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.TranchePortion;
import org.commcredits.ledger.api.error.ErrorCode;
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
import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.rejectedWith;
import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.usd;

/** Auto-recharge: configuration, trigger, payment, retries, cancellation: INV-CA-06, 07, 12, 15. */
class CreditAccountAutoRechargeTest {

    private static final String RECHARGE = "contoso-recharge-1";
    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));
    private AggregateTestFixture<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = CreditAccountFixtures.fixture(clock);
    }

    private Instant now() {
        return clock.instant();
    }

    private static ConfigureAutoRecharge enable(String threshold, String amount) {
        return new ConfigureAutoRecharge(TENANT, true, new BigDecimal(threshold), new BigDecimal(amount), ADMIN);
    }

    private static AutoRechargeConfigured enabled() {
        return new AutoRechargeConfigured(TENANT, true, usd("20.00"), usd("50.00"), ADMIN, T0);
    }

    private static Object[] withAutoRecharge(String token) {
        return new Object[]{opened(), card(token), funded("tr-1", "100.00", T0, "100.00"), enabled()};
    }

    private static RechargeTriggered triggered() {
        return new RechargeTriggered(TENANT, RECHARGE, usd("50.00"), usd("10.00"), usd("20.00"), T0);
    }

    @Test
    @DisplayName("INV-CA-06 canEnableAutoRecharge with a payment method")
    void canEnable() {
        fixture.given(opened(), card("pm_card_visa"))
                .when(enable("20.00", "50.00"))
                .expectEvents(new AutoRechargeConfigured(TENANT, true, usd("20.00"), usd("50.00"), ADMIN, now()));
    }

    @Test
    @DisplayName("INV-CA-02 cannotEnableAutoRechargeBelowTheMinimumAmount (BELOW_MINIMUM_FUNDING)")
    void cannotEnableBelowMinimum() {
        fixture.given(opened(), card("pm_card_visa"))
                .when(enable("20.00", "49.99"))
                .expectException(rejectedWith(ErrorCode.BELOW_MINIMUM_FUNDING))
                .expectNoEvents();
    }

    @Test
    @DisplayName("INV-CA-12 cannotEnableAutoRechargeOnMca (AUTO_RECHARGE_NOT_ALLOWED_FOR_MCA)")
    void cannotEnableOnMca() {
        fixture.given(opened(BillingAgreement.MCA), card("pm_card_visa"))
                .when(enable("20.00", "50.00"))
                .expectException(rejectedWith(ErrorCode.AUTO_RECHARGE_NOT_ALLOWED_FOR_MCA))
                .expectNoEvents();
    }

    @Test
    @DisplayName("INV-CA-15 cannotEnableAutoRechargeWithoutAPaymentMethod (NO_PAYMENT_METHOD)")
    void cannotEnableWithoutPaymentMethod() {
        fixture.given(opened())
                .when(enable("20.00", "50.00"))
                .expectException(rejectedWith(ErrorCode.NO_PAYMENT_METHOD))
                .expectNoEvents();
    }

    @Test
    @DisplayName("contract order for auto-recharge: BELOW_MINIMUM_FUNDING, then AUTO_RECHARGE_NOT_ALLOWED_FOR_MCA, then NO_PAYMENT_METHOD")
    void autoRechargeRejectionsComeInTheContractsOrder() {
        fixture.given(opened(BillingAgreement.MCA))
                .when(enable("20.00", "10.00"))
                .expectException(rejectedWith(ErrorCode.BELOW_MINIMUM_FUNDING));
        fixture.given(opened(BillingAgreement.MCA))
                .when(enable("20.00", "50.00"))
                .expectException(rejectedWith(ErrorCode.AUTO_RECHARGE_NOT_ALLOWED_FOR_MCA));
    }

    @Test
    @DisplayName("INV-CA-06 turning auto-recharge off when it is off changes nothing")
    void turningOffTwiceChangesNothing() {
        fixture.given(opened(), card("pm_card_visa"))
                .when(new ConfigureAutoRecharge(TENANT, false, null, null, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    @DisplayName("INV-CA-12 cannotSwitchToMcaWhileAutoRechargeIsOn (AUTO_RECHARGE_MUST_BE_OFF)")
    void cannotSwitchToMcaWithAutoRechargeOn() {
        fixture.given(withAutoRecharge("pm_card_visa"))
                .when(new ChangeBillingAgreement(TENANT, BillingAgreement.MCA, ADMIN))
                .expectException(rejectedWith(ErrorCode.AUTO_RECHARGE_MUST_BE_OFF))
                .expectNoEvents();
    }

    @Test
    @DisplayName("INV-CA-06 INV-CA-14 canTriggerARechargeWhenAChargeTakesTheBalanceBelowTheThreshold")
    void triggersBelowThreshold() {
        fixture.given(withAutoRecharge("pm_card_visa"))
                .when(new ChargeUsage(TENANT, "c1", "call-1", null, usd("90.00")))
                .expectEvents(new FundsConsumed(TENANT, "c1", "call-1", null, usd("90.00"),
                                List.of(new TranchePortion("tr-1", usd("90.00"), usd("10.00"))), usd("10.00"), now()),
                        new LowBalanceWarned(TENANT, usd("10.00"), usd("20.00"), now()),
                        new RechargeTriggered(TENANT, RECHARGE, usd("50.00"), usd("10.00"), usd("20.00"), now()));
    }

    @Test
    @DisplayName("INV-CA-06 cannotTriggerWhileTheBalanceStaysAtOrAboveTheThreshold")
    void noTriggerAboveThreshold() {
        fixture.given(withAutoRecharge("pm_card_visa"))
                .when(new ChargeUsage(TENANT, "c1", "call-1", null, usd("80.00")))
                .expectEvents(new FundsConsumed(TENANT, "c1", "call-1", null, usd("80.00"),
                        List.of(new TranchePortion("tr-1", usd("80.00"), usd("20.00"))), usd("20.00"), now()));
    }

    @Test
    @DisplayName("INV-CA-06 an expiry below the threshold triggers a recharge too")
    void expiryTriggers() {
        Instant expiry = FundingRules.expiryOf(T0);
        clock.set(expiry);
        fixture.given(withAutoRecharge("pm_card_visa"))
                .when(new ProcessDueWork(TENANT))
                .expectEvents(new TrancheExpired(TENANT, "tr-1", usd("100.00"), usd("0.00"), expiry),
                        new org.commcredits.ledger.api.creditaccount.BalanceDepleted(TENANT, expiry),
                        new LowBalanceWarned(TENANT, usd("0.00"), usd("20.00"), expiry),
                        new RechargeTriggered(TENANT, RECHARGE, usd("50.00"), usd("0.00"), usd("20.00"), expiry));
    }

    @Test
    @DisplayName("INV-CA-07 cannotHaveTwoRechargesInFlight: a further charge below the threshold triggers nothing")
    void neverTwoInFlight() {
        fixture.given(withAutoRecharge("pm_card_visa"))
                .andGiven(new FundsConsumed(TENANT, "c1", "call-1", null, usd("90.00"),
                        List.of(new TranchePortion("tr-1", usd("90.00"), usd("10.00"))), usd("10.00"), T0), triggered())
                .when(new ChargeUsage(TENANT, "c2", "call-2", null, usd("5.00")))
                .expectEvents(new FundsConsumed(TENANT, "c2", "call-2", null, usd("5.00"),
                        List.of(new TranchePortion("tr-1", usd("5.00"), usd("5.00"))), usd("5.00"), now()));
    }

    @Test
    @DisplayName("INV-CA-07 INV-CA-08 canCompleteARecharge: a tranche and a paid invoice")
    void rechargeSucceeds() {
        fixture.given(withAutoRecharge("pm_card_visa"))
                .andGiven(new FundsConsumed(TENANT, "c1", "call-1", null, usd("90.00"),
                        List.of(new TranchePortion("tr-1", usd("90.00"), usd("10.00"))), usd("10.00"), T0), triggered())
                .when(new AttemptRecharge(TENANT, RECHARGE))
                .expectEvents(new FundsAdded(TENANT, RECHARGE + "-tranche", usd("50.00"), now(),
                                FundingRules.expiryOf(now()), RECHARGE + "-invoice", FundingSource.AUTO_RECHARGE, RECHARGE,
                                usd("60.00")),
                        new InvoiceIssued(TENANT, RECHARGE + "-invoice", 1, InvoiceKind.FUNDING, now(),
                                List.of(new InvoiceLine(InvoiceLine.COMMUNICATION_CREDITS, usd("50.00"))), usd("50.00"),
                                InvoiceStatus.PAID, RECHARGE + "-tranche"),
                        new org.commcredits.ledger.api.creditaccount.CommunicationCreditsEnabled(TENANT, now(), RECHARGE + "-tranche"));
    }

    @Test
    @DisplayName("INV-CA-07 a declined recharge fails with a retry after the backoff; the last retry abandons it")
    void rechargeFailsAndRetriesBounded() {
        fixture.given(withAutoRecharge("pm_card_chargeDeclined")).andGiven(triggered())
                .when(new AttemptRecharge(TENANT, RECHARGE))
                .expectEvents(new RechargeFailed(TENANT, RECHARGE, 1, "PAYMENT_DECLINED", now().plus(Duration.ofMinutes(1)), now()));
        fixture.given(withAutoRecharge("pm_card_chargeDeclined")).andGiven(triggered(),
                        new RechargeFailed(TENANT, RECHARGE, 3, "PAYMENT_DECLINED", now(), T0))
                .when(new AttemptRecharge(TENANT, RECHARGE))
                .expectEvents(new RechargeFailed(TENANT, RECHARGE, 4, "PAYMENT_DECLINED", null, now()));
    }

    @Test
    @DisplayName("INV-CA-07 cannotAttemptBeforeTheRetryIsDue; a new payment method makes it due at once")
    void retryWaitsUnlessTheMethodChanged() {
        RechargeFailed failed = new RechargeFailed(TENANT, RECHARGE, 1, "PAYMENT_DECLINED", now().plus(Duration.ofMinutes(1)), now());
        fixture.given(withAutoRecharge("pm_card_chargeDeclined")).andGiven(triggered(), failed)
                .when(new AttemptRecharge(TENANT, RECHARGE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(withAutoRecharge("pm_card_chargeDeclined")).andGiven(triggered(), failed,
                        new PaymentMethodSet(TENANT, "CARD", "pm_card_visa", ADMIN, now()))
                .when(new AttemptRecharge(TENANT, RECHARGE))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.instanceOf(FundsAdded.class),
                                org.hamcrest.Matchers.instanceOf(InvoiceIssued.class),
                                org.hamcrest.Matchers.anything(),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    @DisplayName("INV-CA-07 turning auto-recharge off cancels the pending recharge")
    void turningOffCancels() {
        fixture.given(withAutoRecharge("pm_card_chargeDeclined")).andGiven(triggered())
                .when(new ConfigureAutoRecharge(TENANT, false, null, null, ADMIN))
                .expectEvents(new RechargeCancelled(TENANT, RECHARGE, "auto-recharge turned off", now()),
                        new AutoRechargeConfigured(TENANT, false, null, null, ADMIN, now()));
        fixture.given(withAutoRecharge("pm_card_visa")).andGiven(triggered(),
                        new RechargeCancelled(TENANT, RECHARGE, "auto-recharge turned off", T0))
                .when(new AttemptRecharge(TENANT, RECHARGE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    @DisplayName("INV-CA-15 setting a payment method is accepted at any time, even with a recharge pending")
    void setPaymentMethodWhilePending() {
        fixture.given(withAutoRecharge("pm_card_chargeDeclined")).andGiven(triggered())
                .when(new SetPaymentMethod(TENANT, "CARD", "pm_card_visa", ADMIN))
                .expectEvents(new PaymentMethodSet(TENANT, "CARD", "pm_card_visa", ADMIN, now()));
    }
}
