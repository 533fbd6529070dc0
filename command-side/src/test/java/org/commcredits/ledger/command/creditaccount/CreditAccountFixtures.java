package org.commcredits.ledger.command.creditaccount;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.CreditAccountOpened;
import org.commcredits.ledger.api.creditaccount.FundingSource;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.InvoiceIssued;
import org.commcredits.ledger.api.creditaccount.InvoiceKind;
import org.commcredits.ledger.api.creditaccount.InvoiceLine;
import org.commcredits.ledger.api.creditaccount.InvoiceStatus;
import org.commcredits.ledger.api.creditaccount.PaymentMethodSet;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.money.MoneyFormat;
import org.commcredits.ledger.command.payment.SandboxPaymentProvider;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Shared givens for the credit account's fixture tests: one tenant, USD, a fixed start instant. */
final class CreditAccountFixtures {

    static final TenantId TENANT = TenantId.of("contoso");
    static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
    static final String ADMIN = "billing_admin";

    private CreditAccountFixtures() {
    }

    static AggregateTestFixture<CreditAccount> fixture(MutableClock clock) {
        AggregateTestFixture<CreditAccount> fixture = new AggregateTestFixture<>(CreditAccount.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(new SandboxPaymentProvider(Duration.ofMillis(1)));
        fixture.registerInjectableResource(CreditAccountPolicy.defaults());
        return fixture;
    }

    static Money usd(String amount) {
        return MoneyFormat.parse(amount, "USD").orElseThrow();
    }

    static CreditAccountOpened opened(BillingAgreement agreement) {
        return new CreditAccountOpened(TENANT, "USD", agreement, T0, ADMIN);
    }

    static CreditAccountOpened opened() {
        return opened(BillingAgreement.DIRECT);
    }

    static PaymentMethodSet card(String token) {
        return new PaymentMethodSet(TENANT, "CARD", token, ADMIN, T0);
    }

    static FundsAdded funded(String trancheId, String amount, Instant at, String balanceAfter) {
        return new FundsAdded(TENANT, trancheId, usd(amount), at, FundingRules.expiryOf(at), "inv-" + trancheId,
                FundingSource.MANUAL, null, usd(balanceAfter));
    }

    static InvoiceIssued fundingInvoice(String trancheId, long number, String amount, Instant at) {
        return new InvoiceIssued(TENANT, "inv-" + trancheId, number, InvoiceKind.FUNDING, at,
                List.of(new InvoiceLine(InvoiceLine.COMMUNICATION_CREDITS, usd(amount))), usd(amount), InvoiceStatus.PAID,
                trancheId);
    }

    static Matcher<Throwable> rejectedWith(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof LedgerException rejection && rejection.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a LedgerException with code " + code);
            }
        };
    }
}
