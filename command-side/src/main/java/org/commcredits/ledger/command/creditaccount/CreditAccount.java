package org.commcredits.ledger.command.creditaccount;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.commcredits.ledger.api.creditaccount.AddFunds;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.CommunicationCreditsEnabled;
import org.commcredits.ledger.api.creditaccount.CreditAccountOpened;
import org.commcredits.ledger.api.creditaccount.FundingSource;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.InvoiceIssued;
import org.commcredits.ledger.api.creditaccount.InvoiceKind;
import org.commcredits.ledger.api.creditaccount.InvoiceLine;
import org.commcredits.ledger.api.creditaccount.InvoiceStatus;
import org.commcredits.ledger.api.creditaccount.OpenCreditAccount;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's prepaid credit balance: tranches of purchased credit, each expiring 12 months after purchase.
 * Package-private: only the command bus reaches it.
 */
@Aggregate(snapshotTriggerDefinition = "creditAccountSnapshotTrigger")
class CreditAccount {

    @AggregateIdentifier
    private String id;
    private TenantId tenantId;
    private String currency;
    private BillingAgreement billingAgreement;
    private List<Tranche> tranches = new ArrayList<>();
    private long invoicesIssued;
    private boolean communicationCreditsEnabled;

    CreditAccount() {
        // for Axon
    }

    /** INV-CA-01: one account per tenant, in one currency. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(OpenCreditAccount command, Clock clock) {
        if (tenantId != null) {
            throw new LedgerException(ErrorCode.ACCOUNT_EXISTS, "Tenant " + command.tenantId() + " already has a credit account");
        }
        apply(new CreditAccountOpened(command.tenantId(), command.currency(), command.billingAgreement(),
                clock.instant(), command.requestedBy()));
    }

    @CommandHandler
    FundsAdded handle(AddFunds command, Clock clock) {
        Money amount = FundingRules.inCurrency(command.amount(), currency);
        FundingRules.requireMinimum(amount);
        Instant now = clock.instant();
        Money balanceAfter = balance().plus(amount);
        FundsAdded added = new FundsAdded(tenantId, command.trancheId(), amount, now, FundingRules.expiryOf(now),
                command.invoiceId(), FundingSource.MANUAL, null, balanceAfter);
        apply(added);
        apply(new InvoiceIssued(tenantId, command.invoiceId(), invoicesIssued + 1, InvoiceKind.FUNDING, now,
                List.of(new InvoiceLine(InvoiceLine.COMMUNICATION_CREDITS, amount)), amount, InvoiceStatus.PAID,
                command.trancheId()));
        if (!communicationCreditsEnabled) {
            apply(new CommunicationCreditsEnabled(tenantId, now, command.trancheId()));
        }
        return added;
    }

    /** The sum of what remains in every live tranche. */
    Money balance() {
        Money sum = Money.zero(currency);
        for (Tranche tranche : tranches) {
            sum = sum.plus(tranche.remaining());
        }
        return sum;
    }

    @EventSourcingHandler
    void on(CreditAccountOpened event) {
        this.id = event.tenantId().creditAccountAggregateId();
        this.tenantId = event.tenantId();
        this.currency = event.currency();
        this.billingAgreement = event.billingAgreement();
    }

    @EventSourcingHandler
    void on(FundsAdded event) {
        tranches.add(new Tranche(event.trancheId(), event.amount(), event.amount(), event.purchasedAt(), event.expiresAt()));
    }

    @EventSourcingHandler
    void on(InvoiceIssued event) {
        invoicesIssued = event.number();
    }

    @EventSourcingHandler
    void on(CommunicationCreditsEnabled event) {
        communicationCreditsEnabled = true;
    }
}
