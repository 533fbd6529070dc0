package org.commcredits.ledger.command.creditaccount;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.commcredits.ledger.api.creditaccount.AddFunds;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.OpenCreditAccount;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.platform.commands.CommandExecutor;
import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.commcredits.ledger.platform.security.LedgerPrincipal;

import java.util.UUID;
import java.util.function.Supplier;

/** The credit account's command paths of the contract. */
@RestController
@RequestMapping(path = "/api/tenants/{tenantId}/credit-account", produces = "application/json")
class CreditAccountController {

    private final CommandGateway commands;
    private final CommandExecutor executor;

    CreditAccountController(CommandGateway commands, CommandExecutor executor) {
        this.commands = commands;
        this.executor = executor;
    }

    record OpenRequest(String currency, String billingAgreement) {
    }

    record AccountAnswer(String tenantId, String currency, String billingAgreement, String balance) {
    }

    record FundsRequest(String amount) {
    }

    record FundsAnswer(String trancheId, String amount, String purchasedAt, String expiresAt, String balance,
                       String invoiceId) {
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<String> open(@PathVariable String tenantId, @RequestBody OpenRequest request,
                                @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        RequestFields.required(request, "body");
        String currency = RequestFields.currency(request.currency());
        BillingAgreement agreement = RequestFields.enumValue(BillingAgreement.class, request.billingAgreement(),
                "billingAgreement", ErrorCode.INVALID_BILLING_AGREEMENT);
        return executor.execute(new CommandExecutor.Command(tenant.creditAccountAggregateId(), null, tenantId, request,
                () -> {
                    commands.sendAndWait(new OpenCreditAccount(tenant, currency, agreement, principal.name()));
                    return new CommandExecutor.Answer(201,
                            new AccountAnswer(tenantId, currency, agreement.name(), zeroIn(currency)));
                }));
    }

    @PostMapping(path = "/funds", consumes = "application/json")
    ResponseEntity<String> addFunds(@PathVariable String tenantId, @RequestBody FundsRequest request,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                    @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        RequestFields.required(request, "body");
        var amount = RequestFields.positiveAmount(request.amount(), "amount");
        return executor.execute(new CommandExecutor.Command(tenant.creditAccountAggregateId(), idempotencyKey, tenantId,
                request, () -> {
                    FundsAdded added = onAccount(() -> commands.sendAndWait(new AddFunds(tenant,
                            "tr-" + UUID.randomUUID(), "inv-" + UUID.randomUUID(), amount, principal.name())));
                    return new CommandExecutor.Answer(201, new FundsAnswer(added.trancheId(),
                            added.amount().toPlainString(), added.purchasedAt().toString(), added.expiresAt().toString(),
                            added.balanceAfter().toPlainString(), added.invoiceId()));
                }));
    }

    /** Sends a command to an existing account; a missing account is {@code 404 ACCOUNT_NOT_FOUND}. */
    static <R> R onAccount(Supplier<R> send) {
        try {
            return send.get();
        } catch (AggregateNotFoundException missing) {
            throw new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND, "This tenant has no credit account; open one first");
        }
    }

    private static String zeroIn(String currency) {
        return org.commcredits.ledger.api.money.Money.zero(currency).toPlainString();
    }
}
