package org.commcredits.ledger.platform.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.commcredits.ledger.api.call.CallAuthorized;
import org.commcredits.ledger.api.call.CallCompleted;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * {@code CallAuthorized} and {@code CallCompleted} revision 1 to 2: revision 2 gained {@code month}, the calendar
 * month the call counts in, in the tenant's pool time zone (INV-POOL-06). Before pool time zones every tenant
 * was on UTC, so a revision-1 event reads with the UTC month of its start ({@code authorizedAt},
 * {@code startedAt}). In platform because both sides read call events (the call aggregate and its history on
 * the command side, the usage report on the query side). Stored events are never rewritten.
 */
@Component
public class CallMonthUpcaster extends SingleEventUpcaster {

    /** Revision 1 type name → the field holding the call's start. */
    private static final Map<String, String> START = Map.of(
            CallAuthorized.class.getName(), "authorizedAt",
            CallCompleted.class.getName(), "startedAt");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return "1".equals(representation.getType().getRevision())
                && START.containsKey(representation.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String type = representation.getType().getName();
        return representation.upcastPayload(new SimpleSerializedType(type, "2"), JsonNode.class, payload -> {
            JsonNode start = payload.get(START.get(type));
            ((ObjectNode) payload).put("month", start == null || start.isNull() ? null
                    : YearMonth.from(Instant.parse(start.asText()).atZone(ZoneOffset.UTC)).toString());
            return payload;
        });
    }
}
