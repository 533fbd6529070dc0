package org.commcredits.ledger.command.license;

import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.license.LicenseIds;
import org.commcredits.ledger.platform.commands.CommandExecutor;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * The one way a licensing REST path runs a command: through {@link CommandExecutor} on the tenant's
 * inventory aggregate, with the tenant's {@link TenantLicenseLock} taken first inside the transaction.
 */
@Component
class LicensingCommands {

    private final CommandExecutor executor;
    private final TenantLicenseLock lock;

    LicensingCommands(CommandExecutor executor, TenantLicenseLock lock) {
        this.executor = executor;
        this.lock = lock;
    }

    ResponseEntity<String> execute(TenantId tenant, Object request, Supplier<CommandExecutor.Answer> action) {
        return executor.execute(new CommandExecutor.Command(LicenseIds.aggregateId(tenant), null, tenant.value(), request,
                () -> {
                    lock.lock(tenant);
                    return action.get();
                }));
    }
}
