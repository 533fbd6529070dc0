package org.commcredits.ledger.command.license;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.license.CommunicationCreditsSeatsGranted;
import org.commcredits.ledger.api.license.LicenseAssigned;
import org.commcredits.ledger.api.license.LicenseRemoved;
import org.commcredits.ledger.api.license.LicensesBulkAssigned;
import org.commcredits.ledger.api.license.ConferenceDialOut;
import org.commcredits.ledger.api.license.PoolTimeZoneSet;
import org.commcredits.ledger.api.license.PstnDialOut;
import org.commcredits.ledger.api.license.TenantDialOutPolicySet;
import org.commcredits.ledger.api.license.UserDialOutPolicySet;
import org.commcredits.ledger.api.license.SeatsChanged;
import org.commcredits.ledger.api.license.SeatsSubscribed;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.api.license.UsageLocationSet;
import org.commcredits.ledger.api.license.UsageLocationsSet;
import org.commcredits.ledger.platform.storage.EventJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden JSON per licensing event revision: what revision 1 looks like when stored, and that stored JSON still
 * reads back into the same event. A change that breaks this needs a new revision and an upcaster.
 */
class LicensingEventsGoldenJsonTest {

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final TenantId T = TenantId.of("contoso");
    private static final UserId U = UserId.of("alice");
    private static final CountryCode US = CountryCode.of("US");
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    static List<Object> events() {
        return List.of(
                new SeatsSubscribed(T, Sku.TEAMS_PHONE, 5, 15, 3, "license_admin", AT),
                new SeatsChanged(T, Sku.TEAMS_PHONE, 15, 10, 3, "license_admin", AT),
                new CommunicationCreditsSeatsGranted(T, "tr-1", AT),
                new UsageLocationSet(T, U, US, null, "license_admin", AT),
                new UsageLocationsSet(T, US, List.of(new UsageLocationsSet.Change(U, CountryCode.of("GB"))), "license_admin", AT),
                new LicenseAssigned(T, U, Sku.CALLING_PLAN_DOMESTIC, US, Set.of(Sku.CALLING_PLAN_DOMESTIC), 1, "license_admin", AT),
                new LicensesBulkAssigned(T, Sku.TEAMS_PHONE, "bulk-1",
                        List.of(new LicensesBulkAssigned.Assignee(U, null, Set.of(Sku.TEAMS_PHONE))), 4, "license_admin", AT),
                new LicenseRemoved(T, U, Sku.TEAMS_PHONE, "left", Set.of(), 3, "security_admin", AT),
                new PoolTimeZoneSet(T, "America/Los_Angeles", "UTC", "license_admin", AT),
                new TenantDialOutPolicySet(T, PstnDialOut.DOMESTIC_ONLY, ConferenceDialOut.ZONE_A, "license_admin", AT),
                new UserDialOutPolicySet(T, U, PstnDialOut.NONE, null, "license_admin", AT));
    }

    @ParameterizedTest
    @MethodSource("events")
    void revisionOneReadsAndWritesTheGoldenJson(Object event) throws IOException {
        assertThat(event.getClass().getAnnotation(Revision.class).value()).isEqualTo("1");
        String golden = golden(event.getClass().getSimpleName() + ".v1.json");
        assertThat(JSON.readValue(golden, event.getClass())).isEqualTo(event);
        assertThat(JSON.readTree(JSON.writeValueAsString(event))).isEqualTo(JSON.readTree(golden));
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = LicensingEventsGoldenJsonTest.class.getResourceAsStream("/golden/license/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Prints the current JSON of every event, to create a golden file for a new event (not for changing one). */
    public static void main(String[] args) throws IOException {
        for (Object event : events()) {
            System.out.println(event.getClass().getSimpleName() + ".v1.json " + JSON.writeValueAsString(event));
        }
    }
}
