package org.commcredits.ledger.platform.storage;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Events of one tenant are handled in order, by one segment, and park together in the dead-letter queue.
 *
 * <p>Every aggregate identifier starts with its tenant ({@code contoso/credit-account},
 * {@code contoso/licenses}, {@code contoso/calls/c-1}, ...; a tenant id never contains {@code /}). Per
 * aggregate (Axon's default) would let two segments handle one tenant's credit-account and licensing events
 * concurrently, although read-model rows such as eligibility combine both; and a parked event would let the
 * tenant's later events of other aggregates overtake it.
 */
public final class TenantSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
            return tenantOf(domain.getAggregateIdentifier());
        }
        return event.getIdentifier();
    }

    static String tenantOf(String aggregateIdentifier) {
        int slash = aggregateIdentifier.indexOf('/');
        return slash < 0 ? aggregateIdentifier : aggregateIdentifier.substring(0, slash);
    }
}
