package org.commcredits.ledger.command.license;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.license.AssignLicense;
import org.commcredits.ledger.api.license.AssignLicenses;
import org.commcredits.ledger.api.license.BulkAssignmentResult;
import org.commcredits.ledger.api.license.BulkAssignmentResult.Outcome;
import org.commcredits.ledger.api.license.ChangeSeats;
import org.commcredits.ledger.api.license.CommunicationCreditsSeatsGranted;
import org.commcredits.ledger.api.license.EnableCommunicationCreditsSeats;
import org.commcredits.ledger.api.license.LicenseAssigned;
import org.commcredits.ledger.api.license.LicenseRemoved;
import org.commcredits.ledger.api.license.LicensesBulkAssigned;
import org.commcredits.ledger.api.license.RemoveLicense;
import org.commcredits.ledger.api.license.SeatsChanged;
import org.commcredits.ledger.api.license.SeatsSubscribed;
import org.commcredits.ledger.api.license.PoolTimeZoneSet;
import org.commcredits.ledger.api.license.SetPoolTimeZone;
import org.commcredits.ledger.api.license.SetUsageLocation;
import org.commcredits.ledger.api.license.SetUsageLocations;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.api.license.SubscribeSeats;
import org.commcredits.ledger.api.license.UsageLocationSet;
import org.commcredits.ledger.api.license.UsageLocationsSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commcredits.ledger.api.license.Sku.AUDIO_CONFERENCING;
import static org.commcredits.ledger.api.license.Sku.CALLING_PLAN_DOMESTIC;
import static org.commcredits.ledger.api.license.Sku.COMMUNICATION_CREDITS;
import static org.commcredits.ledger.api.license.Sku.M365_E5;
import static org.commcredits.ledger.api.license.Sku.TEAMS_PHONE;

/** Every assignment rule of the tenant's license inventory, allowed and rejected (given / when / then). */
class TenantLicensesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final TenantId T = TenantId.of("contoso");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final UserId CAROL = UserId.of("carol");
    private static final CountryCode US = CountryCode.of("US");
    private static final String ADMIN = "license_admin";

    private AggregateTestFixture<TenantLicenses> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TenantLicenses.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SeatsSubscribed subscribed(Sku sku, long seats) {
        return new SeatsSubscribed(T, sku, seats, seats, 0, ADMIN, NOW);
    }

    private static UsageLocationSet located(UserId user) {
        return new UsageLocationSet(T, user, US, null, ADMIN, NOW);
    }

    private static LicenseAssigned assigned(UserId user, Sku sku, long assignedAfter, Set<Sku> skusAfter) {
        return new LicenseAssigned(T, user, sku, US, skusAfter, assignedAfter, ADMIN, NOW);
    }

    private static CommunicationCreditsSeatsGranted creditsGranted() {
        return new CommunicationCreditsSeatsGranted(T, "tr-1", NOW);
    }

    @Test
    @DisplayName("INV-LIC-01 canSubscribeSeats: a subscription adds seats to what the tenant has")
    void canSubscribeSeats() {
        fixture.given(subscribed(CALLING_PLAN_DOMESTIC, 10))
                .when(new SubscribeSeats(T, CALLING_PLAN_DOMESTIC, 5, ADMIN))
                .expectEvents(new SeatsSubscribed(T, CALLING_PLAN_DOMESTIC, 5, 15, 0, ADMIN, NOW));
    }

    @Test
    @DisplayName("INV-LIC-01 canSubscribeSeats: the first subscription creates the inventory")
    void canSubscribeSeatsOnANewTenant() {
        fixture.givenNoPriorActivity()
                .when(new SubscribeSeats(T, TEAMS_PHONE, 3, ADMIN))
                .expectEvents(new SeatsSubscribed(T, TEAMS_PHONE, 3, 3, 0, ADMIN, NOW));
    }

    @Test
    @DisplayName("INV-LIC-06 cannotSubscribeCommunicationCredits: its seats come from the credit account")
    void cannotSubscribeCommunicationCredits() {
        fixture.givenNoPriorActivity()
                .when(new SubscribeSeats(T, COMMUNICATION_CREDITS, 3, ADMIN))
                .expectNoEvents()
                .expectException(LedgerException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("credit account"));
    }

    @Test
    @DisplayName("INV-LIC-02 canReduceSeats: down to exactly the number assigned")
    void canReduceSeatsToTheNumberAssigned() {
        fixture.given(subscribed(TEAMS_PHONE, 10), assigned(ALICE, TEAMS_PHONE, 1, Set.of(TEAMS_PHONE)))
                .when(new ChangeSeats(T, TEAMS_PHONE, 1, ADMIN))
                .expectEvents(new SeatsChanged(T, TEAMS_PHONE, 10, 1, 1, ADMIN, NOW));
    }

    @Test
    @DisplayName("INV-LIC-02 cannotReduceSeatsBelowAssigned: SEATS_IN_USE")
    void cannotReduceSeatsBelowAssigned() {
        fixture.given(subscribed(TEAMS_PHONE, 10), assigned(ALICE, TEAMS_PHONE, 1, Set.of(TEAMS_PHONE)),
                        assigned(BOB, TEAMS_PHONE, 2, Set.of(TEAMS_PHONE)))
                .when(new ChangeSeats(T, TEAMS_PHONE, 1, ADMIN))
                .expectNoEvents()
                .expectException(rejection(ErrorCode.SEATS_IN_USE));
    }

    @Test
    @DisplayName("INV-LIC-02 setting the same seat count again changes nothing")
    void changingSeatsToTheSameCountAppendsNothing() {
        fixture.given(subscribed(TEAMS_PHONE, 10))
                .when(new ChangeSeats(T, TEAMS_PHONE, 10, ADMIN))
                .expectNoEvents();
    }

    @Test
    @DisplayName("canSetUsageLocation, and setting the same country again appends nothing")
    void canSetUsageLocation() {
        fixture.givenNoPriorActivity()
                .when(new SetUsageLocation(T, ALICE, US, ADMIN))
                .expectEvents(located(ALICE));
        fixture.given(located(ALICE))
                .when(new SetUsageLocation(T, ALICE, US, ADMIN))
                .expectNoEvents();
        fixture.given(located(ALICE))
                .when(new SetUsageLocation(T, ALICE, CountryCode.of("GB"), ADMIN))
                .expectEvents(new UsageLocationSet(T, ALICE, CountryCode.of("GB"), US, ADMIN, NOW));
    }

    @Test
    @DisplayName("canSetUsageLocationsInBulk: one event naming each user whose location changes, safe to retry")
    void canSetUsageLocationsInBulk() {
        fixture.given(located(ALICE))
                .when(new SetUsageLocations(T, US, List.of(ALICE, BOB, BOB, CAROL), ADMIN))
                .expectEvents(new UsageLocationsSet(T, US, List.of(new UsageLocationsSet.Change(BOB, null),
                        new UsageLocationsSet.Change(CAROL, null)), ADMIN, NOW))
                .expectResultMessagePayload(Set.of("bob", "carol"));
        fixture.given(located(ALICE))
                .when(new SetUsageLocations(T, US, List.of(ALICE), ADMIN))
                .expectNoEvents();
        fixture.given(new UsageLocationsSet(T, US, List.of(new UsageLocationsSet.Change(BOB, null)), ADMIN, NOW),
                        subscribed(CALLING_PLAN_DOMESTIC, 1))
                .when(new AssignLicense(T, BOB, CALLING_PLAN_DOMESTIC, ADMIN))
                .expectEvents(assigned(BOB, CALLING_PLAN_DOMESTIC, 1, Set.of(CALLING_PLAN_DOMESTIC)));
    }

    @Test
    @DisplayName("INV-LIC-03 canAssignWithAFreeSeat: the event names the user, the actor and the seats in use")
    void canAssignWithAFreeSeat() {
        fixture.given(subscribed(CALLING_PLAN_DOMESTIC, 1), located(ALICE))
                .when(new AssignLicense(T, ALICE, CALLING_PLAN_DOMESTIC, ADMIN))
                .expectEvents(assigned(ALICE, CALLING_PLAN_DOMESTIC, 1, Set.of(CALLING_PLAN_DOMESTIC)));
    }

    @Test
    @DisplayName("INV-LIC-03 cannotAssignWithoutAFreeSeat: NO_SEATS_AVAILABLE")
    void cannotAssignWithoutAFreeSeat() {
        fixture.given(subscribed(CALLING_PLAN_DOMESTIC, 1), located(ALICE), located(BOB),
                        assigned(ALICE, CALLING_PLAN_DOMESTIC, 1, Set.of(CALLING_PLAN_DOMESTIC)))
                .when(new AssignLicense(T, BOB, CALLING_PLAN_DOMESTIC, ADMIN))
                .expectNoEvents()
                .expectException(rejection(ErrorCode.NO_SEATS_AVAILABLE));
    }

    @Test
    @DisplayName("INV-LIC-03 cannotAssignWithoutAnySubscription: NO_SEATS_AVAILABLE on a tenant never seen")
    void cannotAssignWithoutAnySubscription() {
        fixture.givenNoPriorActivity()
                .when(new AssignLicense(T, ALICE, TEAMS_PHONE, ADMIN))
                .expectNoEvents()
                .expectException(rejection(ErrorCode.NO_SEATS_AVAILABLE));
    }

    @Test
    @DisplayName("INV-LIC-03 canAssignAgainAfterRemovalFreedTheSeat")
    void canAssignTheSeatARemovalFreed() {
        fixture.given(subscribed(TEAMS_PHONE, 1), assigned(ALICE, TEAMS_PHONE, 1, Set.of(TEAMS_PHONE)),
                        new LicenseRemoved(T, ALICE, TEAMS_PHONE, "left", Set.of(), 0, ADMIN, NOW))
                .when(new AssignLicense(T, BOB, TEAMS_PHONE, ADMIN))
                .expectEvents(new LicenseAssigned(T, BOB, TEAMS_PHONE, null, Set.of(TEAMS_PHONE), 1, ADMIN, NOW));
    }

    @Test
    @DisplayName("INV-LIC-05 cannotAssignTwice: LICENSE_ALREADY_ASSIGNED")
    void cannotAssignTwice() {
        fixture.given(subscribed(TEAMS_PHONE, 5), assigned(ALICE, TEAMS_PHONE, 1, Set.of(TEAMS_PHONE)))
                .when(new AssignLicense(T, ALICE, TEAMS_PHONE, ADMIN))
                .expectNoEvents()
                .expectException(rejection(ErrorCode.LICENSE_ALREADY_ASSIGNED));
    }

    @Test
    @DisplayName("INV-LIC-03 before INV-LIC-05: with no seat left, a duplicate is NO_SEATS_AVAILABLE (contract order)")
    void seatCheckComesBeforeDuplicateCheck() {
        fixture.given(subscribed(TEAMS_PHONE, 1), assigned(ALICE, TEAMS_PHONE, 1, Set.of(TEAMS_PHONE)))
                .when(new AssignLicense(T, ALICE, TEAMS_PHONE, ADMIN))
                .expectException(rejection(ErrorCode.NO_SEATS_AVAILABLE));
    }

    @Test
    @DisplayName("INV-LIC-04 cannotAssignCallingLicenseWithoutUsageLocation: USAGE_LOCATION_REQUIRED")
    void cannotAssignCallingLicensesWithoutUsageLocation() {
        for (Sku sku : List.of(CALLING_PLAN_DOMESTIC, Sku.CALLING_PLAN_INTERNATIONAL, Sku.CALLING_PLAN_PAYG, AUDIO_CONFERENCING)) {
            fixture.given(subscribed(sku, 5))
                    .when(new AssignLicense(T, ALICE, sku, ADMIN))
                    .expectNoEvents()
                    .expectException(rejection(ErrorCode.USAGE_LOCATION_REQUIRED));
        }
        fixture.given(creditsGranted())
                .when(new AssignLicense(T, ALICE, COMMUNICATION_CREDITS, ADMIN))
                .expectException(rejection(ErrorCode.USAGE_LOCATION_REQUIRED));
    }

    @Test
    @DisplayName("INV-LIC-04 canAssignTeamsPhoneAndE5WithoutUsageLocation")
    void canAssignNonCallingLicensesWithoutUsageLocation() {
        fixture.given(subscribed(M365_E5, 5), subscribed(TEAMS_PHONE, 5))
                .when(new AssignLicense(T, ALICE, M365_E5, ADMIN))
                .expectEvents(new LicenseAssigned(T, ALICE, M365_E5, null, Set.of(M365_E5), 1, ADMIN, NOW));
    }

    @Test
    @DisplayName("INV-LIC-06 cannotAssignCommunicationCreditsBeforeFirstFunding: NO_SEATS_AVAILABLE")
    void cannotAssignCommunicationCreditsBeforeFunding() {
        fixture.given(located(ALICE))
                .when(new AssignLicense(T, ALICE, COMMUNICATION_CREDITS, ADMIN))
                .expectNoEvents()
                .expectException(rejection(ErrorCode.NO_SEATS_AVAILABLE));
    }

    @Test
    @DisplayName("INV-LIC-06 canAssignCommunicationCreditsAfterFunding: unlimited free seats")
    void canAssignCommunicationCreditsAfterFunding() {
        fixture.given(located(ALICE), creditsGranted())
                .when(new AssignLicense(T, ALICE, COMMUNICATION_CREDITS, ADMIN))
                .expectEvents(assigned(ALICE, COMMUNICATION_CREDITS, 1, Set.of(COMMUNICATION_CREDITS)));
    }

    @Test
    @DisplayName("INV-LIC-06 the first funding grants the seats once; a second notice appends nothing")
    void communicationCreditsSeatsAreGrantedOnce() {
        fixture.givenNoPriorActivity()
                .when(new EnableCommunicationCreditsSeats(T, NOW, "tr-1"))
                .expectEvents(creditsGranted());
        fixture.given(creditsGranted())
                .when(new EnableCommunicationCreditsSeats(T, NOW, "tr-1"))
                .expectNoEvents();
    }

    @Test
    @DisplayName("INV-LIC-08 canRemoveAnAssignedLicense: the event names who removed it and why")
    void canRemoveAnAssignedLicense() {
        fixture.given(subscribed(TEAMS_PHONE, 5), subscribed(M365_E5, 5),
                        assigned(ALICE, TEAMS_PHONE, 1, Set.of(TEAMS_PHONE)),
                        assigned(ALICE, M365_E5, 1, Set.of(TEAMS_PHONE, M365_E5)))
                .when(new RemoveLicense(T, ALICE, TEAMS_PHONE, "left the company", "security_admin"))
                .expectEvents(new LicenseRemoved(T, ALICE, TEAMS_PHONE, "left the company", Set.of(M365_E5), 0,
                        "security_admin", NOW));
    }

    @Test
    @DisplayName("INV-LIC-08 cannotRemoveALicenseNotAssigned: LICENSE_NOT_ASSIGNED")
    void cannotRemoveALicenseNotAssigned() {
        fixture.given(subscribed(TEAMS_PHONE, 5), assigned(ALICE, TEAMS_PHONE, 1, Set.of(TEAMS_PHONE)))
                .when(new RemoveLicense(T, BOB, TEAMS_PHONE, "x", ADMIN))
                .expectNoEvents()
                .expectException(rejection(ErrorCode.LICENSE_NOT_ASSIGNED));
        fixture.givenNoPriorActivity()
                .when(new RemoveLicense(T, BOB, TEAMS_PHONE, "x", ADMIN))
                .expectException(rejection(ErrorCode.LICENSE_NOT_ASSIGNED));
    }

    @Test
    @DisplayName("INV-LIC-07 bulk: one result per user, never all-or-nothing, one event naming exactly who got a seat")
    void bulkAssignsEachUserOnTheirOwn() {
        fixture.given(subscribed(CALLING_PLAN_DOMESTIC, 2), located(ALICE), located(CAROL),
                        located(UserId.of("dave")))
                .when(new AssignLicenses(T, CALLING_PLAN_DOMESTIC, List.of(ALICE, BOB, CAROL, UserId.of("dave")), "b1", ADMIN))
                .expectEvents(new LicensesBulkAssigned(T, CALLING_PLAN_DOMESTIC, "b1", List.of(
                        new LicensesBulkAssigned.Assignee(ALICE, US, Set.of(CALLING_PLAN_DOMESTIC)),
                        new LicensesBulkAssigned.Assignee(CAROL, US, Set.of(CALLING_PLAN_DOMESTIC))), 2, ADMIN, NOW))
                .expectResultMessagePayload(List.of(
                        new BulkAssignmentResult("alice", Outcome.ASSIGNED, null),
                        new BulkAssignmentResult("bob", Outcome.REJECTED, ErrorCode.USAGE_LOCATION_REQUIRED),
                        new BulkAssignmentResult("carol", Outcome.ASSIGNED, null),
                        new BulkAssignmentResult("dave", Outcome.REJECTED, ErrorCode.NO_SEATS_AVAILABLE)));
    }

    @Test
    @DisplayName("INV-LIC-07 bulk is safe to retry: users who hold the SKU report ALREADY_ASSIGNED, even with no seat left")
    void bulkRetryReportsAlreadyAssigned() {
        fixture.given(subscribed(CALLING_PLAN_DOMESTIC, 1), located(ALICE),
                        new LicensesBulkAssigned(T, CALLING_PLAN_DOMESTIC, "b1",
                                List.of(new LicensesBulkAssigned.Assignee(ALICE, US, Set.of(CALLING_PLAN_DOMESTIC))), 1, ADMIN, NOW))
                .when(new AssignLicenses(T, CALLING_PLAN_DOMESTIC, List.of(ALICE, ALICE), "b2", ADMIN))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(
                        new BulkAssignmentResult("alice", Outcome.ALREADY_ASSIGNED, ErrorCode.LICENSE_ALREADY_ASSIGNED),
                        new BulkAssignmentResult("alice", Outcome.ALREADY_ASSIGNED, ErrorCode.LICENSE_ALREADY_ASSIGNED)));
    }

    @Test
    @DisplayName("INV-LIC-06 bulk COMMUNICATION_CREDITS before funding: every user NO_SEATS_AVAILABLE, nothing stored")
    void bulkCommunicationCreditsBeforeFundingRejectsEveryone() {
        fixture.givenNoPriorActivity()
                .when(new AssignLicenses(T, COMMUNICATION_CREDITS, List.of(ALICE, BOB), "b1", ADMIN))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(
                        new BulkAssignmentResult("alice", Outcome.REJECTED, ErrorCode.NO_SEATS_AVAILABLE),
                        new BulkAssignmentResult("bob", Outcome.REJECTED, ErrorCode.NO_SEATS_AVAILABLE)));
    }

    @Test
    @DisplayName("INV-LIC-03 after a bulk chunk, the seats it took are in use for the next command")
    void bulkChunkTakesSeats() {
        fixture.given(subscribed(TEAMS_PHONE, 1),
                        new LicensesBulkAssigned(T, TEAMS_PHONE, "b1",
                                List.of(new LicensesBulkAssigned.Assignee(ALICE, null, Set.of(TEAMS_PHONE))), 1, ADMIN, NOW))
                .when(new AssignLicense(T, BOB, TEAMS_PHONE, ADMIN))
                .expectException(rejection(ErrorCode.NO_SEATS_AVAILABLE));
    }

    @Test
    @DisplayName("A snapshot of the inventory (stored JSON) restores the same state")
    void snapshotRoundTripKeepsTheState() throws Exception {
        TenantLicenses inventory = new TenantLicenses();
        inventory.on(subscribed(CALLING_PLAN_DOMESTIC, 10));
        inventory.on(creditsGranted());
        inventory.on(located(ALICE));
        inventory.on(assigned(ALICE, CALLING_PLAN_DOMESTIC, 1, Set.of(CALLING_PLAN_DOMESTIC)));
        inventory.on(new LicensesBulkAssigned(T, COMMUNICATION_CREDITS, "b1",
                List.of(new LicensesBulkAssigned.Assignee(ALICE, US, Set.of(CALLING_PLAN_DOMESTIC, COMMUNICATION_CREDITS))),
                1, ADMIN, NOW));
        var json = org.commcredits.ledger.platform.storage.EventJson.mapper();
        String stored = json.writeValueAsString(inventory);
        TenantLicenses restored = json.readValue(stored, TenantLicenses.class);
        assertThat(json.writeValueAsString(restored)).isEqualTo(stored);
        assertThat(stored).contains("\"alice\"").contains("COMMUNICATION_CREDITS");
    }

    private static org.hamcrest.Matcher<Object> rejection(ErrorCode code) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof LedgerException e && e.code() == code;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("LedgerException with code " + code);
            }
        };
    }

    @Test
    void seatCountOfUnlimitedCreditsHasNoAvailableFigure() {
        assertThat(new SeatCount(COMMUNICATION_CREDITS, 0, true, 5).available()).isNull();
        assertThat(new SeatCount(TEAMS_PHONE, 10, false, 4).available()).isEqualTo(6);
    }

    @Test
    @DisplayName("INV-POOL-06 canSetThePoolTimeZone, and setting the zone the tenant already has appends nothing")
    void canSetThePoolTimeZone() {
        ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
        PoolTimeZoneSet set = new PoolTimeZoneSet(T, "America/Los_Angeles", "UTC", ADMIN, NOW);
        fixture.givenNoPriorActivity()
                .when(new SetPoolTimeZone(T, losAngeles, ADMIN))
                .expectEvents(set)
                .expectResultMessagePayload("America/Los_Angeles");
        fixture.given(set)
                .when(new SetPoolTimeZone(T, losAngeles, ADMIN))
                .expectNoEvents()
                .expectResultMessagePayload("America/Los_Angeles");
        fixture.given(located(ALICE), set)
                .when(new SetPoolTimeZone(T, ZoneId.of("UTC"), ADMIN))
                .expectEvents(new PoolTimeZoneSet(T, "UTC", "America/Los_Angeles", ADMIN, NOW));
    }
}
