package org.commcredits.ledger.command.license;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
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
import org.commcredits.ledger.api.license.LicenseIds;
import org.commcredits.ledger.api.license.LicenseRemoved;
import org.commcredits.ledger.api.license.LicensesBulkAssigned;
import org.commcredits.ledger.api.license.ConferenceDialOut;
import org.commcredits.ledger.api.license.DialOutPolicy;
import org.commcredits.ledger.api.license.PoolTimeZoneSet;
import org.commcredits.ledger.api.license.PstnDialOut;
import org.commcredits.ledger.api.license.SetTenantDialOutPolicy;
import org.commcredits.ledger.api.license.SetUserDialOutPolicy;
import org.commcredits.ledger.api.license.TenantDialOutPolicySet;
import org.commcredits.ledger.api.license.UserDialOutPolicySet;
import org.commcredits.ledger.api.license.RemoveLicense;
import org.commcredits.ledger.api.license.SeatsChanged;
import org.commcredits.ledger.api.license.SeatsSubscribed;
import org.commcredits.ledger.api.license.SetPoolTimeZone;
import org.commcredits.ledger.api.license.SetUsageLocation;
import org.commcredits.ledger.api.license.SetUsageLocations;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.api.license.SkuCatalog;
import org.commcredits.ledger.api.license.SubscribeSeats;
import org.commcredits.ledger.api.license.UsageLocationSet;
import org.commcredits.ledger.api.license.UsageLocationsSet;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's license inventory: seats per SKU, and every user's usage location and assigned SKUs.
 *
 * <p>Why one aggregate per tenant rather than one per user: "never more assignments than seats" is a rule
 * over all users of the tenant. Deciding it in one aggregate means two concurrent assignments of the last
 * seat append to the same event stream, so the second one fails on the stream's sequence number and is
 * re-decided on fresh state (where no seat is left). A bulk assignment is one command per chunk, so 10,000
 * users cost ten appends, not 10,000 transactions. The state is a few tens of bytes per user, and snapshots
 * ({@code tenantLicensesSnapshotTrigger}) keep loading it cheap.
 */
@Aggregate(snapshotTriggerDefinition = "tenantLicensesSnapshotTrigger", cache = "tenantLicensesCache")
class TenantLicenses {

    static final String POOL_TIME_ZONE_DEFAULT = "UTC";

    @AggregateIdentifier
    private String id;
    private TenantId tenantId;
    private Map<Sku, Long> seats = new HashMap<>();
    private Map<Sku, Long> assigned = new HashMap<>();
    private boolean communicationCreditsUnlimited;
    private Map<String, UserLicense> users = new HashMap<>();
    private String poolTimeZone = POOL_TIME_ZONE_DEFAULT;
    private DialOutPolicy dialOutPolicy = DialOutPolicy.UNRESTRICTED;
    private Map<String, DialOutOverride> dialOutOverrides = new HashMap<>();

    /** A user's dial-out override; a null field follows the tenant. */
    record DialOutOverride(PstnDialOut pstn, ConferenceDialOut conference) {
    }

    TenantLicenses() {
        // for Axon
    }

    /** INV-LIC-01: subscriptions add seats; INV-LIC-06: never for COMMUNICATION_CREDITS. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SeatCount handle(SubscribeSeats command, Clock clock) {
        requireSubscribable(command.sku());
        long after = seatsOf(command.sku()) + command.seats();
        apply(new SeatsSubscribed(command.tenantId(), command.sku(), command.seats(), after, assignedOf(command.sku()),
                command.requestedBy(), clock.instant()));
        return seatCount(command.sku());
    }

    /** INV-LIC-02: seats can be reduced, never below those assigned. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SeatCount handle(ChangeSeats command, Clock clock) {
        requireSubscribable(command.sku());
        long before = seatsOf(command.sku());
        long inUse = assignedOf(command.sku());
        if (command.seats() < inUse) {
            throw new LedgerException(ErrorCode.SEATS_IN_USE, inUse + " seats of " + command.sku()
                    + " are assigned; remove licenses before reducing below that");
        }
        if (command.seats() != before || tenantId == null) {
            apply(new SeatsChanged(command.tenantId(), command.sku(), before, command.seats(), inUse,
                    command.requestedBy(), clock.instant()));
        }
        return seatCount(command.sku());
    }

    /** INV-LIC-06: the first funding of the credit account grants unlimited COMMUNICATION_CREDITS seats, once. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SeatCount handle(EnableCommunicationCreditsSeats command) {
        if (!communicationCreditsUnlimited) {
            apply(new CommunicationCreditsSeatsGranted(command.tenantId(), command.firstTrancheId(), command.enabledAt()));
        }
        return seatCount(Sku.COMMUNICATION_CREDITS);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    UserLicense handle(SetUsageLocation command, Clock clock) {
        UserLicense user = users.get(command.userId().value());
        var previous = user == null ? null : user.usageLocation();
        if (!command.country().equals(previous)) {
            apply(new UsageLocationSet(command.tenantId(), command.userId(), command.country(), previous,
                    command.requestedBy(), clock.instant()));
        }
        return users.get(command.userId().value());
    }

    /** One event naming every user whose location changes; users already there are left alone (safe to retry). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Set<String> handle(SetUsageLocations command, Clock clock) {
        List<UsageLocationsSet.Change> changes = new ArrayList<>();
        Set<String> changed = new HashSet<>();
        for (UserId userId : command.userIds()) {
            UserLicense user = users.get(userId.value());
            var previous = user == null ? null : user.usageLocation();
            if (!command.country().equals(previous) && changed.add(userId.value())) {
                changes.add(new UsageLocationsSet.Change(userId, previous));
            }
        }
        if (!changes.isEmpty()) {
            apply(new UsageLocationsSet(command.tenantId(), command.country(), changes, command.requestedBy(), clock.instant()));
        }
        return changed;
    }

    /** Checks in the contract's order: INV-LIC-03 seat, INV-LIC-05 duplicate, INV-LIC-04 usage location. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    LicenseAssigned handle(AssignLicense command, Clock clock) {
        Sku sku = command.sku();
        UserLicense user = users.getOrDefault(command.userId().value(), new UserLicense());
        if (!hasFreeSeat(sku, 0)) {
            throw new LedgerException(ErrorCode.NO_SEATS_AVAILABLE, noSeatDetail(sku));
        }
        if (user.holds(sku)) {
            throw new LedgerException(ErrorCode.LICENSE_ALREADY_ASSIGNED, "User already holds " + sku);
        }
        if (SkuCatalog.needsUsageLocation(sku) && user.usageLocation() == null) {
            throw new LedgerException(ErrorCode.USAGE_LOCATION_REQUIRED, sku + " needs the user's usage location; set it first");
        }
        LicenseAssigned assignedEvent = new LicenseAssigned(command.tenantId(), command.userId(), sku, user.usageLocation(),
                user.skusWith(sku), assignedOf(sku) + 1, command.requestedBy(), clock.instant());
        apply(assignedEvent);
        return assignedEvent;
    }

    /**
     * One chunk of a bulk assignment, each user decided on their own (INV-LIC-07). A user who already holds
     * the SKU reports {@code ALREADY_ASSIGNED} before the seat check, so that a retried batch reports the
     * same users as done even when it used the last seat the first time.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    List<BulkAssignmentResult> handle(AssignLicenses command, Clock clock) {
        Sku sku = command.sku();
        List<BulkAssignmentResult> results = new ArrayList<>(command.userIds().size());
        List<LicensesBulkAssigned.Assignee> assignees = new ArrayList<>();
        Set<String> inThisChunk = new HashSet<>();
        for (UserId userId : command.userIds()) {
            String key = userId.value();
            UserLicense user = users.getOrDefault(key, new UserLicense());
            if (user.holds(sku) || inThisChunk.contains(key)) {
                results.add(new BulkAssignmentResult(key, Outcome.ALREADY_ASSIGNED, ErrorCode.LICENSE_ALREADY_ASSIGNED));
            } else if (!hasFreeSeat(sku, assignees.size())) { // INV-LIC-03
                results.add(new BulkAssignmentResult(key, Outcome.REJECTED, ErrorCode.NO_SEATS_AVAILABLE));
            } else if (SkuCatalog.needsUsageLocation(sku) && user.usageLocation() == null) { // INV-LIC-04
                results.add(new BulkAssignmentResult(key, Outcome.REJECTED, ErrorCode.USAGE_LOCATION_REQUIRED));
            } else {
                inThisChunk.add(key);
                assignees.add(new LicensesBulkAssigned.Assignee(userId, user.usageLocation(), user.skusWith(sku)));
                results.add(new BulkAssignmentResult(key, Outcome.ASSIGNED, null));
            }
        }
        if (!assignees.isEmpty()) {
            apply(new LicensesBulkAssigned(command.tenantId(), sku, command.bulkId(), assignees,
                    assignedOf(sku) + assignees.size(), command.requestedBy(), clock.instant()));
        }
        return results;
    }

    /** INV-LIC-08: only an assigned license can be removed; removal frees its seat and names who removed it. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    LicenseRemoved handle(RemoveLicense command, Clock clock) {
        UserLicense user = users.get(command.userId().value());
        if (user == null || !user.holds(command.sku())) {
            throw new LedgerException(ErrorCode.LICENSE_NOT_ASSIGNED, "User does not hold " + command.sku());
        }
        LicenseRemoved removed = new LicenseRemoved(command.tenantId(), command.userId(), command.sku(), command.reason(),
                user.skusWithout(command.sku()), assignedOf(command.sku()) - 1, command.requestedBy(), clock.instant());
        apply(removed);
        return removed;
    }

    /**
     * INV-POOL-06: the calendar months of the tenant's included-minute pools follow this zone from now on
     * (the contract gives "calling plan pools" to licensing). Setting the zone it already has applies nothing.
     */
    /** INV-CALL-13: the tenant's default dial-out restriction; answers it. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DialOutPolicy handle(SetTenantDialOutPolicy command, Clock clock) {
        apply(new TenantDialOutPolicySet(command.tenantId(), command.policy().pstn(), command.policy().conference(),
                command.requestedBy(), clock.instant()));
        return dialOutPolicy;
    }

    /** INV-CALL-13: a user's override (null fields follow the tenant); answers the user's effective policy. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DialOutPolicy handle(SetUserDialOutPolicy command, Clock clock) {
        apply(new UserDialOutPolicySet(command.tenantId(), command.userId(), command.pstn(), command.conference(),
                command.requestedBy(), clock.instant()));
        return DialOutPolicy.effective(dialOutPolicy, command.pstn(), command.conference());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    String handle(SetPoolTimeZone command, Clock clock) {
        String zone = command.timeZone().getId();
        if (!zone.equals(poolTimeZone) || tenantId == null) {
            apply(new PoolTimeZoneSet(command.tenantId(), zone, poolTimeZone, command.requestedBy(), clock.instant()));
        }
        return poolTimeZone;
    }

    private void requireSubscribable(Sku sku) {
        if (!SkuCatalog.isSubscribable(sku)) {
            throw new LedgerException(ErrorCode.SKU_NOT_SUBSCRIBABLE, sku
                    + " seats are unlimited and free once the tenant's credit account is funded; they are not subscribed");
        }
    }

    private boolean hasFreeSeat(Sku sku, long alsoTaking) {
        if (sku == Sku.COMMUNICATION_CREDITS) {
            return communicationCreditsUnlimited;
        }
        return assignedOf(sku) + alsoTaking < seatsOf(sku);
    }

    private String noSeatDetail(Sku sku) {
        if (sku == Sku.COMMUNICATION_CREDITS) {
            return "COMMUNICATION_CREDITS seats come with the tenant's first credit funding; fund the credit account first";
        }
        return "All " + seatsOf(sku) + " seats of " + sku + " are assigned; subscribe more";
    }

    private long seatsOf(Sku sku) {
        return seats.getOrDefault(sku, 0L);
    }

    private long assignedOf(Sku sku) {
        return assigned.getOrDefault(sku, 0L);
    }

    private SeatCount seatCount(Sku sku) {
        boolean unlimited = sku == Sku.COMMUNICATION_CREDITS && communicationCreditsUnlimited;
        return new SeatCount(sku, seatsOf(sku), unlimited, assignedOf(sku));
    }

    private void identify(TenantId tenant) {
        if (id == null) {
            this.id = LicenseIds.aggregateId(tenant);
            this.tenantId = tenant;
        }
    }

    private UserLicense user(UserId userId) {
        return users.computeIfAbsent(userId.value(), key -> new UserLicense());
    }

    @EventSourcingHandler
    void on(TenantDialOutPolicySet event) {
        identify(event.tenantId());
        dialOutPolicy = new DialOutPolicy(event.pstn(), event.conference());
    }

    @EventSourcingHandler
    void on(UserDialOutPolicySet event) {
        identify(event.tenantId());
        dialOutOverrides.put(event.userId().value(), new DialOutOverride(event.pstn(), event.conference()));
    }

    @EventSourcingHandler
    void on(PoolTimeZoneSet event) {
        identify(event.tenantId());
        poolTimeZone = event.timeZone();
    }

    @EventSourcingHandler
    void on(SeatsSubscribed event) {
        identify(event.tenantId());
        seats.put(event.sku(), event.seatsAfter());
    }

    @EventSourcingHandler
    void on(SeatsChanged event) {
        identify(event.tenantId());
        seats.put(event.sku(), event.seatsAfter());
    }

    @EventSourcingHandler
    void on(CommunicationCreditsSeatsGranted event) {
        identify(event.tenantId());
        communicationCreditsUnlimited = true;
    }

    @EventSourcingHandler
    void on(UsageLocationSet event) {
        identify(event.tenantId());
        user(event.userId()).locate(event.country());
    }

    @EventSourcingHandler
    void on(UsageLocationsSet event) {
        identify(event.tenantId());
        for (UsageLocationsSet.Change change : event.users()) {
            user(change.userId()).locate(event.country());
        }
    }

    @EventSourcingHandler
    void on(LicenseAssigned event) {
        identify(event.tenantId());
        user(event.userId()).hold(event.skusAfter());
        assigned.put(event.sku(), event.assignedAfter());
    }

    @EventSourcingHandler
    void on(LicensesBulkAssigned event) {
        identify(event.tenantId());
        for (LicensesBulkAssigned.Assignee assignee : event.assignees()) {
            user(assignee.userId()).hold(assignee.skusAfter());
        }
        assigned.put(event.sku(), event.assignedAfter());
    }

    @EventSourcingHandler
    void on(LicenseRemoved event) {
        identify(event.tenantId());
        user(event.userId()).hold(event.skusAfter());
        assigned.put(event.sku(), event.assignedAfter());
    }

}
