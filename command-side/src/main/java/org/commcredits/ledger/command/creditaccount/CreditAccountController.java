package org.commcredits.ledger.command.creditaccount;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.commcredits.ledger.api.creditaccount.AddFunds;
import org.commcredits.ledger.api.creditaccount.ConfigureLowBalanceAlert;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.ChangeBillingAgreement;
import org.commcredits.ledger.api.creditaccount.ConfigureAutoRecharge;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsGranted;
import org.commcredits.ledger.api.creditaccount.FundsRefunded;
import org.commcredits.ledger.api.creditaccount.GrantFunds;
import org.commcredits.ledger.api.creditaccount.RefundTranche;
import org.commcredits.ledger.api.creditaccount.OpenCreditAccount;
import org.commcredits.ledger.api.creditaccount.SetPaymentMethod;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.platform.commands.CommandExecutor;
import org.commcredits.ledger.platform.security.LedgerPrincipal;
import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The credit account's command paths of the contract. */
@RestController
@RequestMapping(path = "/api/tenants/{tenantId}/credit-account", produces = "application/json")
class CreditAccountController {

    /** Payment method types the ledger takes; the token is the provider's ({@code pm_...}), never a card number. */
    static final String CARD = "CARD";
    private static final Pattern TOKEN = Pattern.compile("pm_[A-Za-z0-9_]{1,100}");

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

    /** {@code poNumber}: the customer's purchase order number, printed on the invoice (optional, at most 64 characters). */
    record FundsRequest(String amount, String poNumber) {
    }

    record FundsAnswer(String trancheId, String amount, String purchasedAt, String expiresAt, String balance,
                       String invoiceId, String poNumber) {
    }

    /** A goodwill grant: {@code expiresAt} optional (12 months by default, or earlier). */
    record GrantRequest(String amount, String reason, String expiresAt) {
    }

    record GrantAnswer(String trancheId, String amount, String expiresAt, String balance) {
    }

    record RefundBody(String reason) {
    }

    record RefundAnswer(String trancheId, String refunded, String balance, String creditNoteId) {
    }

    record AutoRechargeRequest(Boolean enabled, String threshold, String amount) {
    }

    record PaymentMethodRequest(String type, String token) {
    }

    record PaymentMethodAnswer(String type, String token) {
    }

    record BillingAgreementRequest(String billingAgreement) {
    }

    record BillingAgreementAnswer(String billingAgreement) {
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
                            new AccountAnswer(tenantId, currency, agreement.name(), Money.zero(currency).toPlainString()));
                }));
    }

    @PostMapping(path = "/funds", consumes = "application/json")
    ResponseEntity<String> addFunds(@PathVariable String tenantId, @RequestBody FundsRequest request,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                    @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        RequestFields.required(request, "body");
        BigDecimal amount = RequestFields.positiveAmount(request.amount(), "amount");
        String poNumber = poNumber(request.poNumber());
        // Chosen once per request, outside the retried action: a retry after a conflict repeats the same
        // payment idempotency key, so the provider never charges twice.
        String trancheId = "tr-" + UUID.randomUUID();
        String invoiceId = "inv-" + UUID.randomUUID();
        return executor.execute(new CommandExecutor.Command(tenant.creditAccountAggregateId(), idempotencyKey, tenantId,
                request, () -> {
                    FundsAdded added = onAccount(() -> commands.sendAndWait(
                            new AddFunds(tenant, trancheId, invoiceId, amount, principal.name(), poNumber)));
                    return new CommandExecutor.Answer(201, new FundsAnswer(added.trancheId(),
                            added.amount().toPlainString(), added.purchasedAt().toString(), added.expiresAt().toString(),
                            added.balanceAfter().toPlainString(), added.invoiceId(), poNumber));
                }));
    }

    /** {@code POST .../grants}: credit given, not sold (INV-CA-21); idempotent with {@code Idempotency-Key}. */
    @PostMapping(path = "/grants", consumes = "application/json")
    ResponseEntity<String> grant(@PathVariable String tenantId, @RequestBody GrantRequest request,
                                 @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                 @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        RequestFields.required(request, "body");
        BigDecimal amount = RequestFields.positiveAmount(request.amount(), "amount");
        String reason = reason(request.reason());
        java.time.Instant expiresAt = request.expiresAt() == null ? null : RequestFields.instant(request.expiresAt(), "expiresAt");
        String trancheId = "gr-" + UUID.randomUUID();
        return executor.execute(new CommandExecutor.Command(tenant.creditAccountAggregateId(), idempotencyKey, tenantId,
                request, () -> {
                    FundsGranted granted = onAccount(() -> commands.sendAndWait(
                            new GrantFunds(tenant, trancheId, amount, reason, expiresAt, principal.name())));
                    return new CommandExecutor.Answer(201, new GrantAnswer(granted.trancheId(),
                            granted.amount().toPlainString(), granted.expiresAt().toString(),
                            granted.balanceAfter().toPlainString()));
                }));
    }

    /**
     * {@code POST .../tranches/{trancheId}/refund}: the tranche's unused remainder back through the payment
     * provider, with a credit note (INV-CA-22); idempotent with {@code Idempotency-Key}.
     */
    @PostMapping(path = "/tranches/{trancheId}/refund", consumes = "application/json")
    ResponseEntity<String> refund(@PathVariable String tenantId, @PathVariable String trancheId,
                                  @RequestBody RefundBody request,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                  @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        String tranche = RequestFields.id(trancheId, "trancheId");
        RequestFields.required(request, "body");
        String reason = reason(request.reason());
        // Chosen once per request: a retry after a conflict repeats the provider's idempotency key.
        String creditNoteId = "cn-" + UUID.randomUUID();
        return executor.execute(new CommandExecutor.Command(tenant.creditAccountAggregateId(), idempotencyKey, tenantId,
                request, () -> {
                    FundsRefunded refunded = onAccount(() -> commands.sendAndWait(
                            new RefundTranche(tenant, tranche, creditNoteId, reason, principal.name())));
                    return new CommandExecutor.Answer(200, new RefundAnswer(refunded.trancheId(),
                            refunded.amount().toPlainString(), refunded.balanceAfter().toPlainString(),
                            refunded.creditNoteId()));
                }));
    }

    /** A reason for a grant or a refund: 1 to 500 printable characters without leading or trailing spaces. */
    static String reason(String value) {
        if (value == null || !printable(value, CreditAccount.MAX_REASON)) {
            throw new LedgerException(ErrorCode.INVALID_REQUEST,
                    "reason is required: 1 to " + CreditAccount.MAX_REASON
                            + " printable characters without leading or trailing spaces");
        }
        return value;
    }

    /**
     * {@code PUT .../alerts}: {@code {"lowBalanceThreshold":"20.00"}} sets the low-balance alert,
     * {@code {"lowBalanceThreshold":null}} clears it; the field must be named (an empty body clears nothing).
     */
    @PutMapping(path = "/alerts", consumes = "application/json")
    ResponseEntity<String> alerts(@PathVariable String tenantId, @RequestBody com.fasterxml.jackson.databind.JsonNode request,
                                  @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        if (request == null || !request.isObject() || !request.has("lowBalanceThreshold") || request.size() != 1) {
            throw new LedgerException(ErrorCode.INVALID_REQUEST,
                    "The body must be {\"lowBalanceThreshold\": \"<amount>\"} or {\"lowBalanceThreshold\": null}");
        }
        com.fasterxml.jackson.databind.JsonNode value = request.get("lowBalanceThreshold");
        if (!value.isNull() && !value.isTextual()) {
            throw new LedgerException(ErrorCode.INVALID_AMOUNT, "lowBalanceThreshold must be a decimal string or null");
        }
        String text = value.isNull() ? null : value.asText();
        BigDecimal threshold = text == null ? null : RequestFields.nonNegativeAmount(text, "lowBalanceThreshold");
        return executor.execute(new CommandExecutor.Command(tenant.creditAccountAggregateId(), null, tenantId, request.toString(),
                () -> {
                    onAccount(() -> commands.sendAndWait(new ConfigureLowBalanceAlert(tenant, threshold, principal.name())));
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("lowBalanceThreshold", text);
                    return new CommandExecutor.Answer(200, answer);
                }));
    }

    @PutMapping(path = "/auto-recharge", consumes = "application/json")
    ResponseEntity<String> autoRecharge(@PathVariable String tenantId, @RequestBody AutoRechargeRequest request,
                                        @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        RequestFields.required(request, "body");
        boolean enabled = RequestFields.required(request.enabled(), "enabled");
        BigDecimal threshold = enabled ? RequestFields.nonNegativeAmount(request.threshold(), "threshold") : null;
        BigDecimal amount = enabled ? RequestFields.positiveAmount(request.amount(), "amount") : null;
        return executor.execute(new CommandExecutor.Command(tenant.creditAccountAggregateId(), null, tenantId, request,
                () -> {
                    onAccount(() -> commands.sendAndWait(
                            new ConfigureAutoRecharge(tenant, enabled, threshold, amount, principal.name())));
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("enabled", enabled);
                    if (enabled) {
                        answer.put("threshold", request.threshold());
                        answer.put("amount", request.amount());
                    }
                    return new CommandExecutor.Answer(200, answer);
                }));
    }

    @PutMapping(path = "/payment-method", consumes = "application/json")
    ResponseEntity<String> paymentMethod(@PathVariable String tenantId, @RequestBody PaymentMethodRequest request,
                                         @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        RequestFields.required(request, "body");
        if (!CARD.equals(RequestFields.required(request.type(), "type"))
                || !TOKEN.matcher(RequestFields.required(request.token(), "token")).matches()) {
            throw new LedgerException(ErrorCode.INVALID_PAYMENT_METHOD,
                    "type must be CARD and token a payment provider token such as pm_card_visa");
        }
        return executor.execute(new CommandExecutor.Command(tenant.creditAccountAggregateId(), null, tenantId, request,
                () -> {
                    onAccount(() -> commands.sendAndWait(
                            new SetPaymentMethod(tenant, request.type(), request.token(), principal.name())));
                    return new CommandExecutor.Answer(200, new PaymentMethodAnswer(request.type(), request.token()));
                }));
    }

    @PutMapping(path = "/billing-agreement", consumes = "application/json")
    ResponseEntity<String> billingAgreement(@PathVariable String tenantId, @RequestBody BillingAgreementRequest request,
                                            @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        RequestFields.required(request, "body");
        BillingAgreement agreement = RequestFields.enumValue(BillingAgreement.class, request.billingAgreement(),
                "billingAgreement", ErrorCode.INVALID_BILLING_AGREEMENT);
        return executor.execute(new CommandExecutor.Command(tenant.creditAccountAggregateId(), null, tenantId, request,
                () -> {
                    onAccount(() -> commands.sendAndWait(new ChangeBillingAgreement(tenant, agreement, principal.name())));
                    return new CommandExecutor.Answer(200, new BillingAgreementAnswer(agreement.name()));
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

    /**
     * A purchase order number as finance systems write them: 1 to 64 printable characters without leading or
     * trailing spaces; absent or null for none (INV-CA-19).
     */
    static String poNumber(String value) {
        if (value == null) {
            return null;
        }
        if (!printable(value, 64)) {
            throw new LedgerException(ErrorCode.INVALID_REQUEST,
                    "poNumber must be 1 to 64 printable characters without leading or trailing spaces");
        }
        return value;
    }

    /** 1 to {@code max} printable characters, no control characters, no leading or trailing spaces. */
    private static boolean printable(String value, int max) {
        return !value.isEmpty() && value.length() <= max && value.equals(value.strip())
                && value.codePoints().allMatch(c -> c >= 0x20 && c != 0x7F && !Character.isISOControl(c));
    }
}
