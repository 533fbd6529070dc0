package org.commcredits.ledger.command.call;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.commcredits.ledger.api.call.SetUserSpendLimit;
import org.commcredits.ledger.api.creditaccount.AccountStanding;
import org.commcredits.ledger.api.creditaccount.FindAccountStanding;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.money.MoneyFormat;
import org.commcredits.ledger.platform.commands.CommandExecutor;
import org.commcredits.ledger.platform.security.LedgerPrincipal;
import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;

/**
 * {@code PUT /api/tenants/{tenantId}/users/{userId}/spend-limit} {@code {"monthlyLimit":"20.00"}} (or
 * {@code null} to remove): an addition to the contract (docs/api-changes.md), in the account's currency.
 */
@RestController
class SpendLimitController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final CommandExecutor executor;

    SpendLimitController(CommandGateway commands, QueryGateway queries, CommandExecutor executor) {
        this.commands = commands;
        this.queries = queries;
        this.executor = executor;
    }

    record LimitRequest(String monthlyLimit) {
    }

    record LimitAnswer(String tenantId, String userId, String monthlyLimit, String currency) {
    }

    @PutMapping(path = "/api/tenants/{tenantId}/users/{userId}/spend-limit", consumes = "application/json",
            produces = "application/json")
    ResponseEntity<String> set(@PathVariable String tenantId, @PathVariable String userId,
                               @RequestBody LimitRequest request, @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        UserId user = UserId.of(RequestFields.id(userId, "userId"));
        RequestFields.required(request, "body");
        BigDecimal limit = request.monthlyLimit() == null ? null
                : RequestFields.nonNegativeAmount(request.monthlyLimit(), "monthlyLimit");
        return executor.execute(new CommandExecutor.Command(SetUserSpendLimit.aggregateIdOf(tenant, user), null,
                tenantId, request, () -> {
                    AccountStanding account = queries.query(new FindAccountStanding(tenant),
                            ResponseTypes.instanceOf(AccountStanding.class)).join();
                    if (account == null) {
                        throw new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND, "This tenant has no credit account");
                    }
                    Money money = limit == null ? null : MoneyFormat.toMoney(limit, account.currency())
                            .orElseThrow(() -> new LedgerException(ErrorCode.INVALID_AMOUNT,
                                    "monthlyLimit must have exactly the minor digits of " + account.currency()));
                    commands.sendAndWait(new SetUserSpendLimit(tenant, user, money, principal == null ? "?" : principal.name()));
                    return new CommandExecutor.Answer(200, new LimitAnswer(tenantId, userId,
                            money == null ? null : money.toPlainString(), account.currency()));
                }));
    }
}
