package org.commcredits.ledger.command.call;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.commcredits.ledger.api.call.CallAuthorized;
import org.commcredits.ledger.api.call.CallCompleted;
import org.commcredits.ledger.api.call.CallDenied;
import org.commcredits.ledger.api.call.CallIds;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.TenantId;
import org.springframework.stereotype.Component;

/** What the event store knows of a call so far (read in the caller's transaction). */
@Component
class CallHistory {

    record Known(CallAuthorized authorized, CallDenied denied, CallCompleted completed) {
        boolean isNew() {
            return authorized == null && denied == null && completed == null;
        }
    }

    private final EventStore events;

    CallHistory(EventStore events) {
        this.events = events;
    }

    Known of(TenantId tenantId, CallId callId) {
        CallAuthorized authorized = null;
        CallDenied denied = null;
        CallCompleted completed = null;
        DomainEventStream stream = events.readEvents(CallIds.aggregateId(tenantId, callId));
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof CallAuthorized a) {
                authorized = a;
            } else if (payload instanceof CallDenied d) {
                denied = d;
            } else if (payload instanceof CallCompleted c) {
                completed = c;
            }
        }
        return new Known(authorized, denied, completed);
    }
}
