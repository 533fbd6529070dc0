package org.commcredits.ledger.command.license;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.commcredits.ledger.api.creditaccount.CommunicationCreditsEnabled;
import org.commcredits.ledger.api.license.EnableCommunicationCreditsSeats;
import org.springframework.stereotype.Component;

/**
 * Turns the credit account's {@link CommunicationCreditsEnabled} (its first funding) into unlimited free
 * {@code COMMUNICATION_CREDITS} seats for the tenant (INV-LIC-06). A tracking processor: it catches up on
 * history when first started, and the command is a no-op once granted, so redelivery changes nothing.
 */
@Component
@ProcessingGroup(CommunicationCreditsSeats.PROCESSOR)
class CommunicationCreditsSeats {

    static final String PROCESSOR = "license-credit-seats";

    private final CommandGateway commands;
    private final TenantLicenseLock lock;

    CommunicationCreditsSeats(CommandGateway commands, TenantLicenseLock lock) {
        this.commands = commands;
        this.lock = lock;
    }

    @EventHandler
    void on(CommunicationCreditsEnabled event) {
        lock.lock(event.tenantId());
        commands.sendAndWait(new EnableCommunicationCreditsSeats(event.tenantId(), event.enabledAt(), event.firstTrancheId()));
    }
}
