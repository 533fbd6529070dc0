package org.commcredits.ledger.command.license;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.license.ConferenceDialOut;
import org.commcredits.ledger.api.license.DialOutPolicy;
import org.commcredits.ledger.api.license.PstnDialOut;
import org.commcredits.ledger.api.license.SetTenantDialOutPolicy;
import org.commcredits.ledger.api.license.SetUserDialOutPolicy;
import org.commcredits.ledger.platform.commands.CommandExecutor;
import org.commcredits.ledger.platform.security.LedgerPrincipal;
import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contract's "(v2) Dial-out policies" command paths (INV-CALL-13): the tenant's default outbound calling
 * restriction and a user's override. The events carry the acting principal.
 */
@RestController
class DialOutPolicyController {

    private final CommandGateway commands;
    private final LicensingCommands licensing;

    DialOutPolicyController(CommandGateway commands, LicensingCommands licensing) {
        this.commands = commands;
        this.licensing = licensing;
    }

    record PolicyRequest(String pstn, String conference) {
    }

    record PolicyAnswer(String pstn, String conference) {
    }

    record Source(String pstn, String conference) {
    }

    record EffectiveAnswer(String pstn, String conference, Source source) {
    }

    @PutMapping(path = "/api/tenants/{tenantId}/dial-out-policy", consumes = "application/json",
            produces = "application/json")
    ResponseEntity<String> tenant(@PathVariable String tenantId, @RequestBody PolicyRequest request,
                                  @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        RequestFields.required(request, "body");
        DialOutPolicy policy = new DialOutPolicy(
                RequestFields.enumValue(PstnDialOut.class, RequestFields.required(request.pstn(), "pstn"), "pstn",
                        ErrorCode.INVALID_REQUEST),
                RequestFields.enumValue(ConferenceDialOut.class, RequestFields.required(request.conference(), "conference"),
                        "conference", ErrorCode.INVALID_REQUEST));
        return licensing.execute(tenant, request, () -> {
            commands.sendAndWait(new SetTenantDialOutPolicy(tenant, policy, principal.name()));
            return new CommandExecutor.Answer(200, new PolicyAnswer(policy.pstn().name(), policy.conference().name()));
        });
    }

    @PutMapping(path = "/api/tenants/{tenantId}/users/{userId}/dial-out-policy", consumes = "application/json",
            produces = "application/json")
    ResponseEntity<String> user(@PathVariable String tenantId, @PathVariable String userId,
                                @RequestBody PolicyRequest request, @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        UserId user = UserId.of(RequestFields.id(userId, "userId"));
        RequestFields.required(request, "body");
        PstnDialOut pstn = request.pstn() == null ? null
                : RequestFields.enumValue(PstnDialOut.class, request.pstn(), "pstn", ErrorCode.INVALID_REQUEST);
        ConferenceDialOut conference = request.conference() == null ? null
                : RequestFields.enumValue(ConferenceDialOut.class, request.conference(), "conference",
                        ErrorCode.INVALID_REQUEST);
        return licensing.execute(tenant, request, () -> {
            DialOutPolicy effective = commands.sendAndWait(new SetUserDialOutPolicy(tenant, user, pstn, conference,
                    principal.name()));
            return new CommandExecutor.Answer(200, new EffectiveAnswer(effective.pstn().name(),
                    effective.conference().name(), new Source(pstn == null ? "TENANT" : "USER",
                    conference == null ? "TENANT" : "USER")));
        });
    }
}
