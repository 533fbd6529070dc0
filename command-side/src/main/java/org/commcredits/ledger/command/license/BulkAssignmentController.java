package org.commcredits.ledger.command.license;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.ids.Ids;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.license.AssignLicenses;
import org.commcredits.ledger.api.license.BulkAssignmentResult;
import org.commcredits.ledger.api.license.BulkAssignmentResult.Outcome;
import org.commcredits.ledger.api.license.SetUsageLocations;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.platform.commands.CommandExecutor;
import org.commcredits.ledger.platform.security.LedgerPrincipal;
import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /licenses/bulk-assign} (and the bulk usage-location extension): up to 10,000 users, one result per user, never all-or-nothing.
 *
 * <p>The users go to the tenant aggregate in chunks of {@link #CHUNK} per command, each chunk its own
 * transaction through {@link CommandExecutor} (so a chunk that loses a race is retried on its own, and the
 * chunks before it stay committed). Each chunk appends one {@code LicensesBulkAssigned} naming exactly who
 * got a seat. Retrying the same request is safe: users who already hold the SKU report {@code ALREADY_ASSIGNED}.
 */
@RestController
class BulkAssignmentController {

    static final int MAX_USERS = 10_000;
    static final int CHUNK = 1_000;

    private final CommandGateway commands;
    private final LicensingCommands licensing;
    private final CommunicationCreditsGrantWait creditSeats;

    BulkAssignmentController(CommandGateway commands, LicensingCommands licensing,
                             CommunicationCreditsGrantWait creditSeats) {
        this.commands = commands;
        this.licensing = licensing;
        this.creditSeats = creditSeats;
    }

    record BulkRequest(String sku, List<String> userIds) {
    }

    record ChunkRequest(String bulkId, String sku, List<String> userIds) {
    }

    record ResultView(String userId, String outcome, String code) {
    }

    record BulkAnswer(String bulkId, String sku, int assigned, int alreadyAssigned, int rejected,
                      List<ResultView> items, String next) {
    }

    @PostMapping(path = "/api/tenants/{tenantId}/licenses/bulk-assign", consumes = "application/json",
            produces = "application/json")
    ResponseEntity<BulkAnswer> bulkAssign(@PathVariable String tenantId, @RequestBody BulkRequest request,
                                          @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        RequestFields.required(request, "body");
        Sku sku = LicenseController.sku(request.sku());
        List<String> userIds = users(request.userIds());
        if (sku == Sku.COMMUNICATION_CREDITS) {
            creditSeats.awaitSeats(tenant); // the seats of a funding just made (INV-LIC-06)
        }
        String bulkId = "bulk-" + UUID.randomUUID();
        List<ResultView> results = new ArrayList<>(userIds.size());
        String lastSequence = null;
        for (int from = 0; from < userIds.size(); from += CHUNK) {
            List<String> chunk = userIds.subList(from, Math.min(from + CHUNK, userIds.size()));
            // A malformed id is that user's result, not the batch's failure.
            List<UserId> valid = new ArrayList<>(chunk.size());
            for (String userId : chunk) {
                if (Ids.isValid(userId)) {
                    valid.add(UserId.of(userId));
                }
            }
            List<BulkAssignmentResult> decided = new ArrayList<>();
            if (!valid.isEmpty()) {
                ResponseEntity<String> answer = licensing.execute(tenant, new ChunkRequest(bulkId, sku.name(), chunk), () -> {
                            List<BulkAssignmentResult> outcome = commands.sendAndWait(
                                    new AssignLicenses(tenant, sku, valid, bulkId, principal.name()));
                            decided.clear();
                            decided.addAll(outcome);
                            return new CommandExecutor.Answer(200, outcome.size());
                        });
                lastSequence = answer.getHeaders().getFirst(CommandExecutor.EVENT_SEQUENCE_HEADER);
            }
            int next = 0;
            for (String userId : chunk) {
                if (Ids.isValid(userId)) {
                    BulkAssignmentResult result = decided.get(next++);
                    results.add(new ResultView(result.userId(), result.outcome().name(),
                            result.code() == null ? null : result.code().name()));
                } else {
                    results.add(new ResultView(userId, Outcome.REJECTED.name(), ErrorCode.INVALID_ID.name()));
                }
            }
        }
        int assigned = count(results, Outcome.ASSIGNED);
        int already = count(results, Outcome.ALREADY_ASSIGNED);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (lastSequence != null) {
            response.header(CommandExecutor.EVENT_SEQUENCE_HEADER, lastSequence);
        }
        return response.body(new BulkAnswer(bulkId, sku.name(), assigned, already, results.size() - assigned - already,
                results, null));
    }

    record LocationsRequest(String country, List<String> userIds) {
    }

    record LocationResult(String userId, String outcome, String code) {
    }

    record LocationsAnswer(String country, int set, int unchanged, int rejected, List<LocationResult> items, String next) {
    }

    /**
     * {@code POST /licenses/bulk-usage-location} (an extension: docs/api-changes.md): one country for up to
     * 10,000 users, one result per user ({@code SET}, {@code UNCHANGED}, or {@code REJECTED} with {@code INVALID_ID}).
     */
    @PostMapping(path = "/api/tenants/{tenantId}/licenses/bulk-usage-location", consumes = "application/json",
            produces = "application/json")
    ResponseEntity<LocationsAnswer> bulkUsageLocation(@PathVariable String tenantId, @RequestBody LocationsRequest request,
                                                      @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        RequestFields.required(request, "body");
        var country = LicenseController.country(request.country());
        List<String> userIds = users(request.userIds());
        List<LocationResult> results = new ArrayList<>(userIds.size());
        String lastSequence = null;
        for (int from = 0; from < userIds.size(); from += CHUNK) {
            List<String> chunk = userIds.subList(from, Math.min(from + CHUNK, userIds.size()));
            List<UserId> valid = chunk.stream().filter(Ids::isValid).map(UserId::of).toList();
            Set<String> changed = new HashSet<>();
            if (!valid.isEmpty()) {
                ResponseEntity<String> answer = licensing.execute(tenant, new LocationsRequest(country.value(), chunk), () -> {
                            Set<String> outcome = commands.sendAndWait(
                                    new SetUsageLocations(tenant, country, valid, principal.name()));
                            changed.clear();
                            changed.addAll(outcome);
                            return new CommandExecutor.Answer(200, outcome.size());
                        });
                lastSequence = answer.getHeaders().getFirst(CommandExecutor.EVENT_SEQUENCE_HEADER);
            }
            for (String userId : chunk) {
                if (!Ids.isValid(userId)) {
                    results.add(new LocationResult(userId, "REJECTED", ErrorCode.INVALID_ID.name()));
                } else {
                    results.add(new LocationResult(userId, changed.contains(userId) ? "SET" : "UNCHANGED", null));
                }
            }
        }
        int set = (int) results.stream().filter(r -> r.outcome().equals("SET")).count();
        int unchanged = (int) results.stream().filter(r -> r.outcome().equals("UNCHANGED")).count();
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (lastSequence != null) {
            response.header(CommandExecutor.EVENT_SEQUENCE_HEADER, lastSequence);
        }
        return response.body(new LocationsAnswer(country.value(), set, unchanged, results.size() - set - unchanged,
                results, null));
    }

    private static List<String> users(List<String> userIds) {
        RequestFields.required(userIds, "userIds");
        if (userIds.isEmpty()) {
            throw new LedgerException(ErrorCode.INVALID_REQUEST, "userIds must name at least one user");
        }
        if (userIds.size() > MAX_USERS) {
            throw new LedgerException(ErrorCode.TOO_MANY_ITEMS, "At most " + MAX_USERS + " users per request");
        }
        return userIds;
    }

    private static int count(List<ResultView> results, Outcome outcome) {
        int n = 0;
        for (ResultView result : results) {
            if (result.outcome().equals(outcome.name())) {
                n++;
            }
        }
        return n;
    }
}
