package org.commcredits.ledger.platform.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.commcredits.ledger.api.call.CallAuthorized;
import org.commcredits.ledger.api.call.CallCompleted;
import org.commcredits.ledger.api.call.CallType;
import org.commcredits.ledger.api.call.E164Number;
import org.commcredits.ledger.api.call.FundedBy;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.pool.PoolKind;
import org.commcredits.ledger.api.pool.PoolRef;
import org.commcredits.ledger.api.rating.Rate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden JSON per revision of {@code CallAuthorized} and {@code CallCompleted}: revision 1 (before pool time
 * zones) reads as revision 2 with the UTC month of the call's start (INV-POOL-06); revision 2 reads as stored.
 * The instants are chosen on a UTC month boundary, where a wrong zone would give another month.
 */
class CallMonthUpcasterTest {

    private static final Instant START = Instant.parse("2026-12-01T05:00:00Z");
    private final ObjectMapper mapper = EventJson.mapper();
    private final Serializer serializer = JacksonSerializer.builder().objectMapper(mapper).lenientDeserialization().build();
    private final CallMonthUpcaster upcaster = new CallMonthUpcaster();

    static CallAuthorized authorized(String month) {
        return new CallAuthorized(TenantId.of("contoso"), CallId.of("c1"), UserId.of("ann"), CountryCode.of("US"),
                E164Number.of("+12025550100"), CountryCode.of("US"), CallType.OUTBOUND, FundedBy.INCLUDED_MINUTES,
                new PoolRef(PoolKind.DOMESTIC, CountryCode.of("US"), month), null, 180_000L, null, START, month);
    }

    static CallCompleted completed(String month) {
        Money zero = Money.zero("USD");
        Rate rate = new Rate("main", 1, "1", "United States", "USD", 200, 0, Instant.parse("2020-01-01T00:00:00Z"));
        return new CallCompleted(TenantId.of("contoso"), CallId.of("c1"), UserId.of("ann"), CountryCode.of("US"),
                E164Number.of("+12025550100"), CountryCode.of("US"), CallType.OUTBOUND, START, START.plusSeconds(125),
                125, 3, new PoolRef(PoolKind.DOMESTIC, CountryCode.of("US"), month), 3, rate, zero, zero, zero, zero,
                null, FundedBy.INCLUDED_MINUTES, true, START.plusSeconds(126), month);
    }

    @Test
    @DisplayName("INV-POOL-06: CallAuthorized revision 1 upcasts to revision 2 with the UTC month of authorizedAt")
    void canReadCallAuthorizedRevision1() throws IOException {
        IntermediateEventRepresentation upcast = upcast(CallAuthorized.class, golden("CallAuthorized.r1"), "1");
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat((Object) serializer.deserialize(upcast.getData())).isEqualTo(authorized("2026-12"));
    }

    @Test
    @DisplayName("INV-POOL-06: CallCompleted revision 1 upcasts to revision 2 with the UTC month of startedAt")
    void canReadCallCompletedRevision1() throws IOException {
        IntermediateEventRepresentation upcast = upcast(CallCompleted.class, golden("CallCompleted.r1"), "1");
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat((Object) serializer.deserialize(upcast.getData())).isEqualTo(completed("2026-12"));
    }

    @Test
    @DisplayName("revision 2 (a Los Angeles tenant's November call) is read as stored and written as its golden JSON")
    void canReadAndWriteRevision2() throws IOException {
        for (Object event : List.of(authorized("2026-11"), completed("2026-11"))) {
            String name = event.getClass().getSimpleName() + ".r2";
            IntermediateEventRepresentation read = upcast(event.getClass(), golden(name), "2");
            assertThat(read.getType().getRevision()).isEqualTo("2");
            assertThat((Object) serializer.deserialize(read.getData())).isEqualTo(event);
            byte[] written = serializer.serialize(event, byte[].class).getData();
            assertThat(mapper.readTree(written)).as(name).isEqualTo(mapper.readTree(golden(name)));
            assertThat(serializer.typeForClass(event.getClass()).getRevision()).isEqualTo("2");
        }
    }

    private IntermediateEventRepresentation upcast(Class<?> type, byte[] payload, String revision) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(null, "event-1", 0, "event-1", START,
                type.getName(), revision, payload, "{}".getBytes());
        List<IntermediateEventRepresentation> out = upcaster
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = CallMonthUpcasterTest.class.getResourceAsStream("/golden/call/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + name);
            }
            return in.readAllBytes();
        }
    }

    /** Prints the current JSON, to create a golden file for a new revision (never to change one). */
    public static void main(String[] args) throws IOException {
        ObjectMapper json = EventJson.mapper();
        System.out.println(json.writeValueAsString(authorized("2026-11")));
        System.out.println(json.writeValueAsString(completed("2026-11")));
    }
}
