package org.commcredits.ledger.command.call;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.commcredits.ledger.api.call.CallAuthorized;
import org.commcredits.ledger.api.call.CallCompleted;
import org.commcredits.ledger.api.call.CallDenied;
import org.commcredits.ledger.api.call.CallIds;
import org.commcredits.ledger.api.call.RecordCallAuthorization;
import org.commcredits.ledger.api.call.RecordCallCompletion;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One call ({@code {tenantId}/calls/{callId}}): decided once (INV-CALL-01), completed once (INV-CALL-03),
 * and only when authorised, unless it is an imported record that was never authorised (INV-CALL-05).
 * The deciding and rating happen in {@link CallDesk}; the call keeps the facts.
 */
@Aggregate(cache = "callCache")
class Call {

    @AggregateIdentifier
    private String id;
    private boolean decided;
    private boolean authorized;
    private boolean completed;
    private CallAuthorized authorization;
    private CallDenied denial;
    private CallCompleted completion;

    Call() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordCallAuthorization command) {
        if (decided || completed) {
            return; // INV-CALL-01: the first decision stands
        }
        if ((command.authorized() == null) == (command.denied() == null)) {
            throw new IllegalArgumentException("exactly one of authorized or denied");
        }
        apply(command.authorized() != null ? command.authorized() : command.denied());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordCallCompletion command) {
        if (completed) {
            return; // INV-CALL-03
        }
        boolean imported = !command.completed().viaAuthorization();
        if (imported ? decided : !authorized) { // INV-CALL-02 / INV-CALL-05
            throw new LedgerException(ErrorCode.CALL_NOT_AUTHORIZED, "Call " + command.completed().callId()
                    + (imported ? " was already seen by the authorisation path" : " was not authorised"));
        }
        apply(command.completed());
    }

    /** The facts so far, for {@link CallQueries}: a repeated request answers from them. */
    CallQueries.Known known() {
        return new CallQueries.Known(authorization, denial, completion);
    }

    @EventSourcingHandler
    void on(CallAuthorized event) {
        id = CallIds.aggregateId(event.tenantId(), event.callId());
        decided = true;
        authorized = true;
        authorization = event;
    }

    @EventSourcingHandler
    void on(CallDenied event) {
        id = CallIds.aggregateId(event.tenantId(), event.callId());
        decided = true;
        denial = event;
    }

    @EventSourcingHandler
    void on(CallCompleted event) {
        id = CallIds.aggregateId(event.tenantId(), event.callId());
        completed = true;
        completion = event;
    }
}
