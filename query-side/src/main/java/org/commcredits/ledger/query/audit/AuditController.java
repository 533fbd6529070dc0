package org.commcredits.ledger.query.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.platform.web.CsvCells;
import org.commcredits.ledger.platform.security.LedgerPrincipal;
import org.commcredits.ledger.platform.web.Paging;
import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The event stream for auditors.
 * <ul>
 *   <li>{@code GET /api/audit/events?tenantId&after=N&limit}: events in global order, paged by sequence
 *       (the cursor is the last sequence returned, so a page never shifts when events are appended).</li>
 *   <li>{@code GET /api/tenants/{tenantId}/history.ndjson} and {@code .csv}: the tenant's full history,
 *       streamed.</li>
 * </ul>
 * A tenant-bound auditor may only read its own tenant (INV-RM-06): {@code tenantId} is then required and
 * must be its own, else {@code 403 FORBIDDEN}.
 */
@RestController
class AuditController {

    private final EventStream stream;
    private final ObjectMapper json;

    AuditController(EventStream stream, ObjectMapper json) {
        this.stream = stream;
        this.json = json;
    }

    record EventView(long sequence, String type, String revision, String aggregateId, long aggregateSequence,
                     String occurredAt, JsonNode payload) {
    }

    @GetMapping(path = "/api/audit/events", produces = "application/json")
    Paging.Page<EventView> events(@RequestParam(required = false) String tenantId, @RequestParam(required = false) String after,
                                  @RequestParam(required = false) Integer limit, Authentication authentication) {
        // INV-RM-06: authorisation before validation, as the contract orders checks
        if (authentication.getPrincipal() instanceof LedgerPrincipal principal && principal.isTenantBound()
                && (tenantId == null || !principal.isBoundTo(tenantId))) {
            throw new LedgerException(ErrorCode.FORBIDDEN, "A tenant-bound auditor may only read its own tenant's events");
        }
        if (tenantId != null) {
            RequestFields.id(tenantId, "tenantId");
        }
        int pageSize = Paging.limit(limit);
        long cursor = Paging.after(after);
        List<EventView> rows = stream.page(tenantId, cursor, pageSize + 1).stream().map(this::view).toList();
        return Paging.of(rows, pageSize, EventView::sequence);
    }

    @GetMapping(path = "/api/tenants/{tenantId}/history.ndjson")
    void ndjson(@PathVariable String tenantId, HttpServletResponse response) throws IOException {
        RequestFields.id(tenantId, "tenantId");
        response.setContentType("application/x-ndjson");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + tenantId + "-history.ndjson\"");
        OutputStream out = response.getOutputStream();
        JsonGenerator generator = json.getFactory().createGenerator(out);
        generator.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        stream.forEach(tenantId, event -> {
            try {
                generator.writeStartObject();
                generator.writeNumberField("sequence", event.sequence());
                generator.writeStringField("type", event.type());
                generator.writeStringField("revision", event.revision());
                generator.writeStringField("aggregateId", event.aggregateId());
                generator.writeNumberField("aggregateSequence", event.aggregateSequence());
                generator.writeStringField("occurredAt", event.occurredAt());
                generator.writeFieldName("payload");
                generator.writeRawValue(event.payload());
                generator.writeEndObject();
                generator.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        generator.flush();
    }

    @GetMapping(path = "/api/tenants/{tenantId}/history.csv")
    void csv(@PathVariable String tenantId, HttpServletResponse response) throws IOException {
        RequestFields.id(tenantId, "tenantId");
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + tenantId + "-history.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write("sequence,occurredAt,aggregateId,aggregateSequence,type,revision,payload\n");
        stream.forEach(tenantId, event -> {
            try {
                out.write(event.sequence() + "," + csvField(event.occurredAt()) + "," + csvField(event.aggregateId()) + ","
                        + event.aggregateSequence() + "," + csvField(event.type()) + "," + csvField(event.revision()) + ","
                        + csvField(event.payload()) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
    }

    private EventView view(EventStream.StoredEvent event) {
        try {
            JsonNode payload = json.readTree(event.payload());
            return new EventView(event.sequence(), event.type(), event.revision(), event.aggregateId(), event.aggregateSequence(),
                    event.occurredAt(), payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180: quote every text field, doubling inner quotes, neutralised against formula injection (INV-IN-06). */
    static String csvField(String value) {
        return CsvCells.quoted(value);
    }
}
