package org.commcredits.ledger.command.creditaccount;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.commcredits.ledger.api.creditaccount.AddFunds;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.BillingAgreementChanged;
import org.commcredits.ledger.api.creditaccount.ChangeBillingAgreement;
import org.commcredits.ledger.api.creditaccount.CommunicationCreditsEnabled;
import org.commcredits.ledger.api.creditaccount.CreditAccountOpened;
import org.commcredits.ledger.api.creditaccount.OpenCreditAccount;
import org.commcredits.ledger.api.creditaccount.PaymentMethodSet;
import org.commcredits.ledger.api.creditaccount.SetPaymentMethod;
import org.commcredits.ledger.api.error.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

import java.math.BigDecimal;
import java.time.Instant;

import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.ADMIN;
import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.T0;
import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.TENANT;
import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.card;
import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.funded;
import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.fundingInvoice;
import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.opened;
import static org.commcredits.ledger.command.creditaccount.CreditAccountFixtures.rejectedWith;
import static org.assertj.core.api.Assertions.assertThat;

/** Opening, buying credit, payment methods and the agreement: INV-CA-01, 02, 03, 08, 09, 12, 15. */
class CreditAccountFundingTest {

    private final MutableClock clock = new MutableClock(T0);
    private AggregateTestFixture<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = CreditAccountFixtures.fixture(clock);
    }

    private static AddFunds addFunds(String trancheId, String amount) {
        return new AddFunds(TENANT, trancheId, "inv-" + trancheId, new BigDecimal(amount), ADMIN);
    }

    @Test
    @DisplayName("INV-CA-01 canOpenAnAccount")
    void canOpenAnAccount() {
        fixture.givenNoPriorActivity()
                .when(new OpenCreditAccount(TENANT, "USD", BillingAgreement.DIRECT, ADMIN))
                .expectEvents(new CreditAccountOpened(TENANT, "USD", BillingAgreement.DIRECT, T0, ADMIN));
    }

    @Test
    @DisplayName("INV-CA-01 cannotOpenASecondAccount (ACCOUNT_EXISTS)")
    void cannotOpenASecondAccount() {
        fixture.given(opened())
                .when(new OpenCreditAccount(TENANT, "EUR", BillingAgreement.DIRECT, ADMIN))
                .expectException(rejectedWith(ErrorCode.ACCOUNT_EXISTS))
                .expectNoEvents();
    }

    @Test
    @DisplayName("INV-CA-02 INV-CA-03 INV-CA-08 INV-CA-09 canFundTheMinimum: a tranche for 12 months, a paid invoice, the SKU enabled")
    void canFundTheMinimum() {
        fixture.given(opened(), card("pm_card_visa"))
                .when(addFunds("tr-1", "50.00"))
                .expectEvents(funded("tr-1", "50.00", T0, "50.00"), fundingInvoice("tr-1", 1, "50.00", T0),
                        new CommunicationCreditsEnabled(TENANT, T0, "tr-1"))
                .expectResultMessagePayload(funded("tr-1", "50.00", T0, "50.00"));
    }

    @Test
    @DisplayName("INV-CA-02 cannotFundBelowTheMinimum (BELOW_MINIMUM_FUNDING)")
    void cannotFundBelowTheMinimum() {
        fixture.given(opened(), card("pm_card_visa"))
                .when(addFunds("tr-1", "49.99"))
                .expectException(rejectedWith(ErrorCode.BELOW_MINIMUM_FUNDING))
                .expectNoEvents();
    }

    @Test
    @DisplayName("INV-CA-02 cannotFundMoreDigitsThanTheCurrencyHas (INVALID_AMOUNT)")
    void cannotFundOverPrecise() {
        fixture.given(opened(), card("pm_card_visa"))
                .when(addFunds("tr-1", "50.001"))
                .expectException(rejectedWith(ErrorCode.INVALID_AMOUNT))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"50", "50.0", "50.000", "100"})
    @DisplayName("INV-IN-03 cannotFundAnAmountNotWrittenWithTheCurrencysTwoDecimals (INVALID_AMOUNT)")
    void cannotFundAnAmountNotWrittenWithTheCurrencysTwoDecimals(String amount) {
        fixture.given(opened(), card("pm_card_visa"))
                .when(addFunds("tr-1", amount))
                .expectException(rejectedWith(ErrorCode.INVALID_AMOUNT))
                .expectNoEvents();
    }

    @Test
    @DisplayName("INV-CA-03 a tranche bought on 31 January expires on 31 January a year later; 29 February on 28 February")
    void expiresTwelveCalendarMonthsLater() {
        assertThat(FundingRules.expiryOf(Instant.parse("2026-01-31T23:59:59Z"))).isEqualTo("2027-01-31T23:59:59Z");
        assertThat(FundingRules.expiryOf(Instant.parse("2028-02-29T12:00:00Z"))).isEqualTo("2029-02-28T12:00:00Z");
    }

    @Test
    @DisplayName("INV-CA-08 INV-CA-09 a second funding has invoice number 2 and does not enable the SKU again")
    void secondFundingNumbersTheInvoiceAndEnablesNothing() {
        fixture.given(opened(), card("pm_card_visa"), funded("tr-1", "100.00", T0, "100.00"),
                        fundingInvoice("tr-1", 1, "100.00", T0), new CommunicationCreditsEnabled(TENANT, T0, "tr-1"))
                .when(addFunds("tr-2", "60.00"))
                .expectEvents(funded("tr-2", "60.00", T0, "160.00"), fundingInvoice("tr-2", 2, "60.00", T0));
    }

    @Test
    @DisplayName("INV-CA-12 cannotBuyCreditsOnMca (MCA_CANNOT_BUY_CREDITS)")
    void cannotBuyCreditsOnMca() {
        fixture.given(opened(BillingAgreement.MCA), card("pm_card_visa"))
                .when(addFunds("tr-1", "100.00"))
                .expectException(rejectedWith(ErrorCode.MCA_CANNOT_BUY_CREDITS))
                .expectNoEvents();
    }

    @Test
    @DisplayName("contract order: BELOW_MINIMUM_FUNDING before MCA_CANNOT_BUY_CREDITS before NO_PAYMENT_METHOD")
    void rejectionsComeInTheContractsOrder() {
        fixture.given(opened(BillingAgreement.MCA))
                .when(addFunds("tr-1", "10.00"))
                .expectException(rejectedWith(ErrorCode.BELOW_MINIMUM_FUNDING));
        fixture.given(opened(BillingAgreement.MCA))
                .when(addFunds("tr-1", "100.00"))
                .expectException(rejectedWith(ErrorCode.MCA_CANNOT_BUY_CREDITS));
    }

    @Test
    @DisplayName("ACCOUNT_NOT_FOUND: a command to a tenant without an account is rejected by the repository (404 at the edge)")
    void cannotFundWithoutAnAccount() {
        fixture.givenNoPriorActivity()
                .when(addFunds("tr-1", "100.00"))
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    @DisplayName("INV-CA-15 cannotFundWithoutAPaymentMethod (NO_PAYMENT_METHOD)")
    void cannotFundWithoutAPaymentMethod() {
        fixture.given(opened())
                .when(addFunds("tr-1", "100.00"))
                .expectException(rejectedWith(ErrorCode.NO_PAYMENT_METHOD))
                .expectNoEvents();
    }

    @Test
    @DisplayName("INV-CA-15 cannotFundWithADecliningCard (PAYMENT_DECLINED): nothing added")
    void cannotFundWithADecliningCard() {
        fixture.given(opened(), card("pm_card_chargeDeclined"))
                .when(addFunds("tr-1", "100.00"))
                .expectException(rejectedWith(ErrorCode.PAYMENT_DECLINED))
                .expectNoEvents();
    }

    @Test
    @DisplayName("INV-CA-15 cannotFundWhenTheProviderTimesOut (PAYMENT_PROVIDER_UNAVAILABLE): nothing added")
    void cannotFundWhenTheProviderTimesOut() {
        fixture.given(opened(), card("pm_card_timeout"))
                .when(addFunds("tr-1", "100.00"))
                .expectException(rejectedWith(ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE))
                .expectNoEvents();
    }

    @Test
    @DisplayName("INV-CA-15 canSetAPaymentMethodAtAnyTime")
    void canSetAPaymentMethod() {
        fixture.given(opened(), card("pm_card_chargeDeclined"))
                .when(new SetPaymentMethod(TENANT, "CARD", "pm_card_visa", ADMIN))
                .expectEvents(new PaymentMethodSet(TENANT, "CARD", "pm_card_visa", ADMIN, T0));
    }

    @Test
    @DisplayName("INV-CA-12 canSwitchToMcaWithAutoRechargeOff; the same agreement again changes nothing")
    void canSwitchToMca() {
        fixture.given(opened())
                .when(new ChangeBillingAgreement(TENANT, BillingAgreement.MCA, ADMIN))
                .expectEvents(new BillingAgreementChanged(TENANT, BillingAgreement.DIRECT, BillingAgreement.MCA, ADMIN, T0));
        fixture.given(opened(BillingAgreement.MCA))
                .when(new ChangeBillingAgreement(TENANT, BillingAgreement.MCA, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
