package org.commcredits.ledger.command.creditaccount;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.commcredits.ledger.api.creditaccount.AutoRechargeConfigured;
import org.commcredits.ledger.api.creditaccount.BalanceDepleted;
import org.commcredits.ledger.api.creditaccount.BalanceRecovered;
import org.commcredits.ledger.api.creditaccount.ChargeUsage;
import org.commcredits.ledger.api.creditaccount.CommunicationCreditsEnabled;
import org.commcredits.ledger.api.creditaccount.CreditNoteIssued;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.FundsGranted;
import org.commcredits.ledger.api.creditaccount.FundsRefunded;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.creditaccount.GrantFunds;
import org.commcredits.ledger.api.creditaccount.InvoiceLine;
import org.commcredits.ledger.api.creditaccount.LowBalanceAlertConfigured;
import org.commcredits.ledger.api.creditaccount.LowBalanceAlertRaised;
import org.commcredits.ledger.api.creditaccount.RefundTranche;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.TrancheHold;
import org.commcredits.ledger.api.creditaccount.TranchePortion;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.command.payment.SandboxPaymentProvider;
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

/** INV-CA-21 (goodwill grants) and INV-CA-22 (refunds with credit notes). */
class CreditAccountGrantRefundTest {

    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));
    private AggregateTestFixture<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = CreditAccountFixtures.fixture(clock);
    }

    private Instant now() {
        return clock.instant();
    }

    private static CreditNoteIssued creditNote(String id, long number, String amount, String trancheId, Instant at) {
        return new CreditNoteIssued(TENANT, id, number, at,
                List.of(new InvoiceLine("Refund of " + InvoiceLine.COMMUNICATION_CREDITS + " tranche " + trancheId,
                        negative(amount))), negative(amount), "inv-" + trancheId, trancheId, "bought twice");
    }

    private static org.commcredits.ledger.api.money.Money negative(String amount) {
        return org.commcredits.ledger.api.money.Money.zero("USD").minus(usd(amount));
    }

    // ---------------------------------------------------------------- grants

    @Test
    @DisplayName("a grant is a tranche with no invoice, 12 months by default, and lets the tenant's users hold the license")
    void grantDefaults() {
        fixture.given(opened())
                .when(new GrantFunds(TENANT, "gr-1", new BigDecimal("10.00"), "outage 2026-01-14", null, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FundsGranted(TENANT, "gr-1", usd("10.00"), now(), FundingRules.expiryOf(now()),
                                "outage 2026-01-14", ADMIN, usd("10.00")),
                        new CommunicationCreditsEnabled(TENANT, now(), "gr-1"));
    }

    @Test
    @DisplayName("a grant may expire earlier than 12 months, never later, never in the past, and must be more than zero")
    void grantExpiryBounds() {
        Instant soon = now().plus(Duration.ofDays(30));
        fixture.given(opened(), card("pm_card_visa"), funded("tr-1", "50.00", T0, "50.00"),
                        new CommunicationCreditsEnabled(TENANT, T0, "tr-1"))
                .when(new GrantFunds(TENANT, "gr-1", new BigDecimal("5.00"), "sorry", soon, ADMIN))
                .expectEvents(new FundsGranted(TENANT, "gr-1", usd("5.00"), now(), soon, "sorry", ADMIN, usd("55.00")));
        fixture.given(opened())
                .when(new GrantFunds(TENANT, "gr-1", new BigDecimal("5.00"), "sorry",
                        FundingRules.expiryOf(now()).plusSeconds(1), ADMIN))
                .expectException(rejectedWith(ErrorCode.INVALID_EXPIRY)).expectNoEvents();
        fixture.given(opened())
                .when(new GrantFunds(TENANT, "gr-1", new BigDecimal("5.00"), "sorry", now(), ADMIN))
                .expectException(rejectedWith(ErrorCode.INVALID_EXPIRY)).expectNoEvents();
        fixture.given(opened())
                .when(new GrantFunds(TENANT, "gr-1", new BigDecimal("0.00"), "sorry", null, ADMIN))
                .expectException(rejectedWith(ErrorCode.INVALID_AMOUNT)).expectNoEvents();
    }

    @Test
    @DisplayName("tranches are drawn soonest-expiring first: a grant expiring before an older purchase pays first")
    void soonestExpiringFirst() {
        Instant soon = T0.plus(Duration.ofDays(60));
        fixture.given(opened(), card("pm_card_visa"), funded("tr-1", "50.00", T0, "50.00"),
                        new FundsGranted(TENANT, "gr-1", usd("10.00"), T0, soon, "sorry", ADMIN, usd("60.00")))
                .when(new ChargeUsage(TENANT, "c1", "call-1", null, usd("15.00")))
                .expectEvents(new FundsConsumed(TENANT, "c1", "call-1", null, usd("15.00"),
                        List.of(new TranchePortion("gr-1", usd("10.00"), usd("0.00")),
                                new TranchePortion("tr-1", usd("5.00"), usd("45.00"))), usd("45.00"), now()));
    }

    @Test
    @DisplayName("a 12-month grant after two purchases is drawn after them: for purchases the order is the seed's FIFO")
    void grantAfterPurchasesIsDrawnLast() {
        Instant later = T0.plus(Duration.ofDays(1));
        fixture.given(opened(), card("pm_card_visa"), funded("tr-1", "50.00", T0, "50.00"),
                        new FundsGranted(TENANT, "gr-1", usd("10.00"), later, FundingRules.expiryOf(later), "sorry",
                                ADMIN, usd("60.00")),
                        funded("tr-2", "50.00", later.plusSeconds(60), "110.00"))
                .when(new ChargeUsage(TENANT, "c1", "call-1", null, usd("55.00")))
                .expectEvents(new FundsConsumed(TENANT, "c1", "call-1", null, usd("55.00"),
                        List.of(new TranchePortion("tr-1", usd("50.00"), usd("0.00")),
                                new TranchePortion("gr-1", usd("5.00"), usd("5.00"))), usd("55.00"), now()));
    }

    @Test
    @DisplayName("a grant that lifts the balance over the low-balance threshold re-arms the alert")
    void grantRecovers() {
        fixture.given(opened(), new LowBalanceAlertConfigured(TENANT, usd("20.00"), ADMIN, T0),
                        new LowBalanceAlertRaised(TENANT, usd("0.00"), usd("20.00"), T0))
                .when(new GrantFunds(TENANT, "gr-1", new BigDecimal("25.00"), "sorry", null, ADMIN))
                .expectEvents(new FundsGranted(TENANT, "gr-1", usd("25.00"), now(), FundingRules.expiryOf(now()), "sorry",
                                ADMIN, usd("25.00")),
                        new BalanceRecovered(TENANT, usd("25.00"), usd("20.00"), now()),
                        new CommunicationCreditsEnabled(TENANT, now(), "gr-1"));
    }

    // ---------------------------------------------------------------- refunds

    @Test
    @DisplayName("a refund gives back the unused remainder and issues credit note 1 of its own series, negative, naming the invoice")
    void refundsTheRemainder() {
        fixture.given(opened(), card("pm_card_visa"), funded("tr-1", "50.00", T0, "50.00"),
                        CreditAccountFixtures.fundingInvoice("tr-1", 1, "50.00", T0),
                        funded("tr-2", "100.00", T0, "150.00"),
                        CreditAccountFixtures.fundingInvoice("tr-2", 2, "100.00", T0),
                        new FundsConsumed(TENANT, "c1", "call-1", null, usd("30.00"),
                                List.of(new TranchePortion("tr-1", usd("30.00"), usd("20.00"))), usd("120.00"), T0))
                .when(new RefundTranche(TENANT, "tr-2", "cn-1", "bought twice", ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FundsRefunded(TENANT, "tr-2", usd("100.00"), usd("0.00"), "bought twice", "cn-1", ADMIN,
                                now(), usd("20.00")),
                        creditNote("cn-1", 1, "100.00", "tr-2", now()));
    }

    @Test
    @DisplayName("a second refund of the same tranche answers NOTHING_TO_REFUND; credit notes keep counting")
    void secondRefund() {
        fixture.given(opened(), card("pm_card_visa"), funded("tr-1", "50.00", T0, "50.00"),
                        funded("tr-2", "60.00", T0, "110.00"),
                        new FundsRefunded(TENANT, "tr-1", usd("50.00"), usd("0.00"), "x", "cn-1", ADMIN, T0, usd("60.00")),
                        creditNote("cn-1", 1, "50.00", "tr-1", T0))
                .when(new RefundTranche(TENANT, "tr-1", "cn-2", "bought twice", ADMIN))
                .expectException(rejectedWith(ErrorCode.NOTHING_TO_REFUND)).expectNoEvents();
        fixture.given(opened(), card("pm_card_visa"), funded("tr-1", "50.00", T0, "50.00"),
                        funded("tr-2", "60.00", T0, "110.00"),
                        new FundsRefunded(TENANT, "tr-1", usd("50.00"), usd("0.00"), "x", "cn-1", ADMIN, T0, usd("60.00")),
                        creditNote("cn-1", 1, "50.00", "tr-1", T0))
                .when(new RefundTranche(TENANT, "tr-2", "cn-2", "bought twice", ADMIN))
                .expectEvents(new FundsRefunded(TENANT, "tr-2", usd("60.00"), usd("0.00"), "bought twice", "cn-2", ADMIN,
                                now(), usd("0.00")),
                        creditNote("cn-2", 2, "60.00", "tr-2", now()),
                        new BalanceDepleted(TENANT, now()));
    }

    @Test
    @DisplayName("the part held for a call in progress is not refundable; a tranche held whole has nothing to refund")
    void holdsAreRespected() {
        Instant holdEnds = now().plus(Duration.ofMinutes(10));
        fixture.given(opened(), card("pm_card_visa"), funded("tr-1", "50.00", T0, "50.00"),
                        new FundsReserved(TENANT, "r1", usd("12.00"), List.of(new TrancheHold("tr-1", usd("12.00"))),
                                usd("38.00"), T0, holdEnds))
                .when(new RefundTranche(TENANT, "tr-1", "cn-1", "bought twice", ADMIN))
                .expectEvents(new FundsRefunded(TENANT, "tr-1", usd("38.00"), usd("12.00"), "bought twice", "cn-1", ADMIN,
                                now(), usd("12.00")),
                        creditNote("cn-1", 1, "38.00", "tr-1", now()));
        fixture.given(opened(), card("pm_card_visa"), funded("tr-1", "50.00", T0, "50.00"),
                        new FundsReserved(TENANT, "r1", usd("50.00"), List.of(new TrancheHold("tr-1", usd("50.00"))),
                                usd("0.00"), T0, holdEnds))
                .when(new RefundTranche(TENANT, "tr-1", "cn-1", "bought twice", ADMIN))
                .expectException(rejectedWith(ErrorCode.NOTHING_TO_REFUND)).expectNoEvents();
    }

    @Test
    @DisplayName("an expired tranche answers TRANCHE_EXPIRED, whether or not the sweep has written the expiry yet")
    void expired() {
        Instant expiry = FundingRules.expiryOf(T0);
        fixture.given(opened(), card("pm_card_visa"), funded("tr-1", "50.00", T0, "50.00"),
                        new TrancheExpired(TENANT, "tr-1", usd("50.00"), usd("0.00"), expiry))
                .when(new RefundTranche(TENANT, "tr-1", "cn-1", "late", ADMIN))
                .expectException(rejectedWith(ErrorCode.TRANCHE_EXPIRED)).expectNoEvents();
        clock.set(expiry);
        fixture.given(opened(), card("pm_card_visa"), funded("tr-1", "50.00", T0, "50.00"))
                .when(new RefundTranche(TENANT, "tr-1", "cn-1", "late", ADMIN))
                .expectException(rejectedWith(ErrorCode.TRANCHE_EXPIRED)).expectNoEvents();
    }

    @Test
    @DisplayName("an unknown tranche is TRANCHE_NOT_FOUND; a granted one has no payment to give back")
    void unknownAndGranted() {
        fixture.given(opened(), card("pm_card_visa"), funded("tr-1", "50.00", T0, "50.00"))
                .when(new RefundTranche(TENANT, "tr-9", "cn-1", "why", ADMIN))
                .expectException(rejectedWith(ErrorCode.TRANCHE_NOT_FOUND)).expectNoEvents();
        fixture.given(opened(), new FundsGranted(TENANT, "gr-1", usd("10.00"), T0, FundingRules.expiryOf(T0), "sorry",
                        ADMIN, usd("10.00")))
                .when(new RefundTranche(TENANT, "gr-1", "cn-1", "why", ADMIN))
                .expectException(rejectedWith(ErrorCode.NOTHING_TO_REFUND)).expectNoEvents();
    }

    @Test
    @DisplayName("a declined refund (the sandbox's pm_card_refundFail) changes nothing: REFUND_DECLINED")
    void declined() {
        fixture.given(opened(), card(SandboxPaymentProvider.REFUND_FAILS), funded("tr-1", "50.00", T0, "50.00"))
                .when(new RefundTranche(TENANT, "tr-1", "cn-1", "bought twice", ADMIN))
                .expectException(rejectedWith(ErrorCode.REFUND_DECLINED)).expectNoEvents();
    }

    @Test
    @DisplayName("a refund below the thresholds raises the low-balance alert but never triggers an auto-recharge")
    void refundAlertsButDoesNotRecharge() {
        fixture.given(opened(), card("pm_card_visa"), funded("tr-1", "50.00", T0, "50.00"),
                        funded("tr-2", "60.00", T0, "110.00"),
                        new AutoRechargeConfigured(TENANT, true, usd("80.00"), usd("50.00"), ADMIN, T0),
                        new LowBalanceAlertConfigured(TENANT, usd("70.00"), ADMIN, T0))
                .when(new RefundTranche(TENANT, "tr-2", "cn-1", "bought twice", ADMIN))
                .expectEvents(new FundsRefunded(TENANT, "tr-2", usd("60.00"), usd("0.00"), "bought twice", "cn-1", ADMIN,
                                now(), usd("50.00")),
                        creditNote("cn-1", 1, "60.00", "tr-2", now()),
                        new LowBalanceAlertRaised(TENANT, usd("50.00"), usd("70.00"), now()));
    }
}
