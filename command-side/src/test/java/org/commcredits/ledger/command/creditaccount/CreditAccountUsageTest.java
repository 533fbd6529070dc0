package org.commcredits.ledger.command.creditaccount;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.commcredits.ledger.api.creditaccount.BalanceDepleted;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.BillingAgreementChanged;
import org.commcredits.ledger.api.creditaccount.ChargeOutcome;
import org.commcredits.ledger.api.creditaccount.ChargeUsage;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.creditaccount.InvoiceIssued;
import org.commcredits.ledger.api.creditaccount.InvoiceKind;
import org.commcredits.ledger.api.creditaccount.InvoiceLine;
import org.commcredits.ledger.api.creditaccount.InvoiceStatus;
import org.commcredits.ledger.api.creditaccount.IssuePostpaidInvoice;
import org.commcredits.ledger.api.creditaccount.PostpaidUsageRecorded;
import org.commcredits.ledger.api.creditaccount.ProcessDueWork;
import org.commcredits.ledger.api.creditaccount.ReleaseReservation;
import org.commcredits.ledger.api.creditaccount.ReservationReleased;
import org.commcredits.ledger.api.creditaccount.ReserveFunds;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.TrancheExpiringSoon;
import org.commcredits.ledger.api.creditaccount.TrancheHold;
import org.commcredits.ledger.api.creditaccount.TranchePortion;
import org.commcredits.ledger.api.creditaccount.UnfundedUsageRecorded;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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

/** Charges, expiry, holds, unfunded and postpaid usage, notifications: INV-CA-04, 05, 10, 11, 13, 14. */
class CreditAccountUsageTest {

    private static final Instant T1 = T0.plus(Duration.ofDays(1));
    private static final Instant EXPIRY_1 = FundingRules.expiryOf(T0);
    private final MutableClock clock = new MutableClock(T1.plus(Duration.ofHours(1)));
    private AggregateTestFixture<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = CreditAccountFixtures.fixture(clock);
    }

    private Instant now() {
        return clock.instant();
    }

    private static ChargeUsage charge(String chargeId, String amount) {
        return new ChargeUsage(TENANT, chargeId, "call-" + chargeId, null, usd(amount));
    }

    private Object[] twoTranches() {
        return new Object[]{opened(), card("pm_card_visa"), funded("tr-1", "100.00", T0, "100.00"),
                funded("tr-2", "50.00", T1, "150.00")};
    }

    @Test
    @DisplayName("INV-CA-04 canChargeAcrossTwoTranchesOldestFirst")
    void canChargeAcrossTwoTranches() {
        fixture.given(twoTranches())
                .when(charge("c1", "120.00"))
                .expectEvents(new FundsConsumed(TENANT, "c1", "call-c1", null, usd("120.00"),
                        List.of(new TranchePortion("tr-1", usd("100.00"), usd("0.00")),
                                new TranchePortion("tr-2", usd("20.00"), usd("30.00"))),
                        usd("30.00"), now()))
                .expectResultMessagePayload(new ChargeOutcome("c1", usd("120.00"), usd("0.00"), usd("0.00"), usd("30.00")));
    }

    @Test
    @DisplayName("INV-CA-04 cannotDrawTheNewerTrancheWhileTheOlderHasCredit")
    void drawsOnlyTheOldestWhenItSuffices() {
        fixture.given(twoTranches())
                .when(charge("c1", "0.50"))
                .expectEvents(new FundsConsumed(TENANT, "c1", "call-c1", null, usd("0.50"),
                        List.of(new TranchePortion("tr-1", usd("0.50"), usd("99.50"))), usd("149.50"), now()));
    }

    @Test
    @DisplayName("INV-CA-04 a repeated charge id answers the first outcome and applies nothing")
    void chargeIsIdempotentPerChargeId() {
        FundsConsumed first = new FundsConsumed(TENANT, "c1", "call-c1", null, usd("10.00"),
                List.of(new TranchePortion("tr-1", usd("10.00"), usd("90.00"))), usd("140.00"), T1);
        fixture.given(twoTranches()).andGiven(first)
                .when(charge("c1", "10.00"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new ChargeOutcome("c1", usd("10.00"), usd("0.00"), usd("0.00"), usd("140.00")));
    }

    @Test
    @DisplayName("INV-CA-11 cannotGoNegative: what the balance cannot cover is recorded as unfunded")
    void unfundedRemainderNeverNegative() {
        fixture.given(opened(), card("pm_card_visa"), funded("tr-1", "50.00", T0, "50.00"))
                .when(charge("c1", "80.00"))
                .expectEvents(new FundsConsumed(TENANT, "c1", "call-c1", null, usd("50.00"),
                                List.of(new TranchePortion("tr-1", usd("50.00"), usd("0.00"))), usd("0.00"), now()),
                        new UnfundedUsageRecorded(TENANT, "c1", "call-c1", usd("30.00"), now()),
                        new BalanceDepleted(TENANT, now()))
                .expectResultMessagePayload(new ChargeOutcome("c1", usd("50.00"), usd("0.00"), usd("30.00"), usd("0.00")));
    }

    @Test
    @DisplayName("INV-CA-05 canExpireATrancheAtItsExpiryInstant, forfeiting its remainder")
    void expiresAtTheInstant() {
        clock.set(EXPIRY_1);
        fixture.given(twoTranches())
                .when(new ProcessDueWork(TENANT))
                .expectEvents(new TrancheExpired(TENANT, "tr-1", usd("100.00"), usd("50.00"), EXPIRY_1),
                        new TrancheExpiringSoon(TENANT, "tr-2", usd("50.00"), FundingRules.expiryOf(T1), EXPIRY_1));
    }

    @Test
    @DisplayName("INV-CA-05 cannotExpireATrancheBeforeItsExpiryInstant")
    void doesNotExpireEarly() {
        clock.set(EXPIRY_1.minusMillis(1));
        fixture.given(twoTranches()).andGiven(new TrancheExpiringSoon(TENANT, "tr-1", usd("100.00"), EXPIRY_1, T1),
                        new TrancheExpiringSoon(TENANT, "tr-2", usd("50.00"), FundingRules.expiryOf(T1), T1))
                .when(new ProcessDueWork(TENANT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    @DisplayName("INV-CA-05 a command after the expiry instant but before the sweep sees the tranche expired")
    void lazyExpiryBeforeTheSweep() {
        Instant later = EXPIRY_1.plus(Duration.ofMinutes(5));
        clock.set(later);
        fixture.given(twoTranches()).andGiven(new TrancheExpiringSoon(TENANT, "tr-2", usd("50.00"), FundingRules.expiryOf(T1), T1))
                .when(charge("c1", "10.00"))
                .expectEvents(new TrancheExpired(TENANT, "tr-1", usd("100.00"), usd("50.00"), EXPIRY_1),
                        new FundsConsumed(TENANT, "c1", "call-c1", null, usd("10.00"),
                                List.of(new TranchePortion("tr-2", usd("10.00"), usd("40.00"))), usd("40.00"), later));
    }

    @Test
    @DisplayName("INV-CA-14 canWarnThirtyDaysBeforeExpiry, once, and not for an empty tranche")
    void warnsOfExpiryThirtyDaysAhead() {
        Instant warnAt = EXPIRY_1.minus(Duration.ofDays(30));
        clock.set(warnAt);
        fixture.given(opened(), funded("tr-1", "100.00", T0, "100.00"))
                .when(new ProcessDueWork(TENANT))
                .expectEvents(new TrancheExpiringSoon(TENANT, "tr-1", usd("100.00"), EXPIRY_1, warnAt));
        fixture.given(opened(), funded("tr-1", "100.00", T0, "100.00"),
                        new TrancheExpiringSoon(TENANT, "tr-1", usd("100.00"), EXPIRY_1, warnAt))
                .when(new ProcessDueWork(TENANT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        clock.set(warnAt.minusSeconds(1));
        fixture.given(opened(), funded("tr-1", "100.00", T0, "100.00"))
                .when(new ProcessDueWork(TENANT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    @DisplayName("INV-CA-10 canReserveFifoAndTheChargeCannotTouchOtherHolds")
    void reservesFifo() {
        Instant expires = now().plus(Duration.ofMinutes(10));
        FundsReserved reserved = new FundsReserved(TENANT, "r1", usd("120.00"),
                List.of(new TrancheHold("tr-1", usd("100.00")), new TrancheHold("tr-2", usd("20.00"))),
                usd("30.00"), now(), expires);
        fixture.given(twoTranches())
                .when(new ReserveFunds(TENANT, "r1", usd("120.00"), false, expires))
                .expectEvents(reserved)
                .expectResultMessagePayload(reserved);
        fixture.given(twoTranches()).andGiven(reserved)
                .when(charge("c1", "40.00"))
                .expectEvents(new FundsConsumed(TENANT, "c1", "call-c1", null, usd("30.00"),
                                List.of(new TranchePortion("tr-2", usd("30.00"), usd("20.00"))), usd("120.00"), now()),
                        new UnfundedUsageRecorded(TENANT, "c1", "call-c1", usd("10.00"), now()));
    }

    @Test
    @DisplayName("INV-CA-10 cannotReserveMoreThanAvailableWithoutPartial (answers null); partial holds what there is")
    void reservesOnlyWhatIsAvailable() {
        Instant expires = now().plus(Duration.ofMinutes(10));
        fixture.given(twoTranches())
                .when(new ReserveFunds(TENANT, "r1", usd("200.00"), false, expires))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(null);
        fixture.given(twoTranches())
                .when(new ReserveFunds(TENANT, "r1", usd("200.00"), true, expires))
                .expectEvents(new FundsReserved(TENANT, "r1", usd("150.00"),
                        List.of(new TrancheHold("tr-1", usd("100.00")), new TrancheHold("tr-2", usd("50.00"))),
                        usd("0.00"), now(), expires));
        fixture.given(opened())
                .when(new ReserveFunds(TENANT, "r1", usd("1.00"), true, expires))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(null);
    }

    @Test
    @DisplayName("INV-CA-10 canSettleAReservationIntoACharge, and release one, and a timed-out one is released")
    void settlesReleasesAndTimesOut() {
        Instant expires = now().plus(Duration.ofMinutes(10));
        FundsReserved reserved = new FundsReserved(TENANT, "r1", usd("20.00"),
                List.of(new TrancheHold("tr-1", usd("20.00"))), usd("130.00"), now(), expires);
        fixture.given(twoTranches()).andGiven(reserved)
                .when(new ChargeUsage(TENANT, "c1", "call-1", "r1", usd("15.00")))
                .expectEvents(new ReservationReleased(TENANT, "r1", usd("20.00"), ReservationReleased.Reason.SETTLED,
                                usd("150.00"), now()),
                        new FundsConsumed(TENANT, "c1", "call-1", "r1", usd("15.00"),
                                List.of(new TranchePortion("tr-1", usd("15.00"), usd("85.00"))), usd("135.00"), now()));
        fixture.given(twoTranches()).andGiven(reserved)
                .when(new ReleaseReservation(TENANT, "r1", ReservationReleased.Reason.RELEASED))
                .expectEvents(new ReservationReleased(TENANT, "r1", usd("20.00"), ReservationReleased.Reason.RELEASED,
                        usd("150.00"), now()));
        fixture.given(twoTranches()).andGiven(reserved)
                .when(new ReleaseReservation(TENANT, "unknown", ReservationReleased.Reason.RELEASED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        clock.set(expires);
        fixture.given(twoTranches()).andGiven(reserved)
                .when(new ProcessDueWork(TENANT))
                .expectEvents(new ReservationReleased(TENANT, "r1", usd("20.00"), ReservationReleased.Reason.TIMED_OUT,
                        usd("150.00"), expires));
    }

    @Test
    @DisplayName("INV-CA-13 canDrainAnMcaBalanceThenRecordPostpaidUsage")
    void mcaDrainsThenPostpays() {
        fixture.given(opened(), funded("tr-1", "50.00", T0, "50.00"),
                        new BillingAgreementChanged(TENANT, BillingAgreement.DIRECT, BillingAgreement.MCA, ADMIN, T1))
                .when(charge("c1", "80.00"))
                .expectEvents(new FundsConsumed(TENANT, "c1", "call-c1", null, usd("50.00"),
                                List.of(new TranchePortion("tr-1", usd("50.00"), usd("0.00"))), usd("0.00"), now()),
                        new PostpaidUsageRecorded(TENANT, "c1", "call-c1", usd("30.00"), "2026-01", now()),
                        new BalanceDepleted(TENANT, now()))
                .expectResultMessagePayload(new ChargeOutcome("c1", usd("50.00"), usd("30.00"), usd("0.00"), usd("0.00")));
    }

    @Test
    @DisplayName("INV-CA-13 canInvoiceAMonthsPostpaidUsageAfterTheMonth, once; cannotInvoiceBeforeItEnds")
    void invoicesPostpaidUsageAtMonthEnd() {
        Object[] given = {opened(BillingAgreement.MCA),
                new PostpaidUsageRecorded(TENANT, "c1", "call-1", usd("30.00"), "2026-01", T1),
                new PostpaidUsageRecorded(TENANT, "c2", "call-2", usd("12.50"), "2026-01", T1)};
        clock.set(Instant.parse("2026-01-31T23:59:59Z"));
        fixture.given(given)
                .when(new IssuePostpaidInvoice(TENANT, "2026-01"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        Instant monthEnd = Instant.parse("2026-02-01T00:00:00Z");
        clock.set(monthEnd);
        InvoiceIssued invoice = new InvoiceIssued(TENANT, "contoso-postpaid-2026-01", 1, InvoiceKind.POSTPAID_USAGE,
                monthEnd, List.of(new InvoiceLine("Communication Credits usage 2026-01", usd("42.50"))), usd("42.50"),
                InvoiceStatus.DUE, "2026-01");
        fixture.given(given)
                .when(new IssuePostpaidInvoice(TENANT, "2026-01"))
                .expectEvents(invoice);
        fixture.given(given).andGiven(invoice)
                .when(new IssuePostpaidInvoice(TENANT, "2026-01"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
