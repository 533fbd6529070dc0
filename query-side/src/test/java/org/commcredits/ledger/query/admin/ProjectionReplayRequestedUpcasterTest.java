package org.commcredits.ledger.query.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.commcredits.ledger.api.audit.ProjectionReplayRequested;
import org.commcredits.ledger.platform.storage.EventJson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden JSON per revision of {@code ProjectionReplayRequested}: what was stored then must still read now. */
class ProjectionReplayRequestedUpcasterTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    private final ObjectMapper mapper = EventJson.mapper();
    private final Serializer serializer = JacksonSerializer.builder().objectMapper(mapper).lenientDeserialization().build();
    private final ProjectionReplayRequestedUpcaster upcaster = new ProjectionReplayRequestedUpcaster();

    @Test
    @DisplayName("revision 1 (no requestedBy) upcasts to revision 2 with requestedBy 'unknown'")
    void canReadRevision1() throws IOException {
        IntermediateEventRepresentation upcast = upcast(golden("r1"), "1");

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        ProjectionReplayRequested event = serializer.deserialize(upcast.getData());
        assertThat(event).isEqualTo(new ProjectionReplayRequested("ledger", ProjectionReplayRequested.UNKNOWN_REQUESTER, AT));
    }

    @Test
    @DisplayName("revision 2 is read as stored and the upcaster leaves it alone")
    void canReadRevision2() throws IOException {
        IntermediateEventRepresentation read = upcast(golden("r2"), "2");

        assertThat(read.getType().getRevision()).isEqualTo("2");
        ProjectionReplayRequested event = serializer.deserialize(read.getData());
        assertThat(event).isEqualTo(new ProjectionReplayRequested("ledger", "operator", AT));
    }

    @Test
    @DisplayName("revision 2 is written exactly as its golden JSON")
    void writesRevision2AsGolden() throws IOException {
        byte[] written = serializer.serialize(new ProjectionReplayRequested("ledger", "operator", AT), byte[].class).getData();
        assertThat(mapper.readTree(written)).isEqualTo(mapper.readTree(golden("r2")));
        assertThat(serializer.typeForClass(ProjectionReplayRequested.class).getRevision()).isEqualTo("2");
    }

    private IntermediateEventRepresentation upcast(byte[] payload, String revision) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(null, "event-1", 0, "event-1", AT,
                ProjectionReplayRequested.class.getName(), revision, payload, "{}".getBytes());
        List<IntermediateEventRepresentation> out = upcaster
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static byte[] golden(String revision) throws IOException {
        try (InputStream in = ProjectionReplayRequestedUpcasterTest.class
                .getResourceAsStream("/golden/ProjectionReplayRequested." + revision + ".json")) {
            return in.readAllBytes();
        }
    }
}
