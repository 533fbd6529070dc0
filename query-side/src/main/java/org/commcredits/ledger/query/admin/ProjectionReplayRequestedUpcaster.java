package org.commcredits.ledger.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.commcredits.ledger.api.audit.ProjectionReplayRequested;
import org.springframework.stereotype.Component;

/**
 * {@code ProjectionReplayRequested} revision 1 to 2: revision 2 gained {@code requestedBy}. A revision-1
 * event did not record it, so the upcast event says {@code "unknown"} rather than inventing a name.
 * Stored events are never rewritten; the audit stream still shows revision 1 as stored.
 */
@Component
class ProjectionReplayRequestedUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(ProjectionReplayRequested.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(ProjectionReplayRequested.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ((ObjectNode) payload).put("requestedBy", ProjectionReplayRequested.UNKNOWN_REQUESTER);
            return payload;
        });
    }
}
