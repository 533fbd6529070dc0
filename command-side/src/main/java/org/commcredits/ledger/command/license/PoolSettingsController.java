package org.commcredits.ledger.command.license;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.license.SetPoolTimeZone;
import org.commcredits.ledger.platform.commands.CommandExecutor;
import org.commcredits.ledger.platform.security.LedgerPrincipal;
import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.ZoneId;

/**
 * {@code PUT /api/tenants/{tenantId}/pool-settings} (an extension of the contract, docs/api-changes.md): the
 * time zone whose calendar months the tenant's included-minute pools follow (INV-POOL-06), UTC by default.
 */
@RestController
class PoolSettingsController {

    private final CommandGateway commands;
    private final LicensingCommands licensing;

    PoolSettingsController(CommandGateway commands, LicensingCommands licensing) {
        this.commands = commands;
        this.licensing = licensing;
    }

    record PoolSettingsRequest(String timeZone) {
    }

    record PoolSettingsAnswer(String tenantId, String timeZone) {
    }

    @PutMapping(path = "/api/tenants/{tenantId}/pool-settings", consumes = "application/json",
            produces = "application/json")
    ResponseEntity<String> set(@PathVariable String tenantId, @RequestBody PoolSettingsRequest request,
                               @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        RequestFields.required(request, "body");
        ZoneId zone = timeZone(request.timeZone());
        return licensing.execute(tenant, request, () -> {
            String stored = commands.sendAndWait(new SetPoolTimeZone(tenant, zone, principal.name()));
            return new CommandExecutor.Answer(200, new PoolSettingsAnswer(tenant.value(), stored));
        });
    }

    /** An IANA region id as the JDK's time-zone database names it ({@code UTC} included); no raw offsets. */
    static ZoneId timeZone(String value) {
        RequestFields.required(value, "timeZone");
        if (!ZoneId.getAvailableZoneIds().contains(value)) {
            throw new LedgerException(ErrorCode.INVALID_TIME_ZONE,
                    "timeZone must be an IANA time-zone id such as America/New_York or UTC");
        }
        return ZoneId.of(value);
    }
}
