package org.commcredits.ledger.query.eligibility;

import org.commcredits.ledger.api.call.CallType;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.ids.Ids;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/** The eligibility query paths: one user, and the tenant's users filtered by {@code canDialOut}, paged. */
@RestController
class EligibilityController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final int SCAN_BATCH = 1000;

    private final EligibilityReadModel readModel;
    private final ProcessorPositions positions;

    EligibilityController(EligibilityReadModel readModel, ProcessorPositions positions) {
        this.readModel = readModel;
        this.positions = positions;
    }

    record ScopeView(boolean canDialOut, List<String> fundedBy, List<String> reasons) {

        static ScopeView of(Eligibility.Scope scope) {
            return new ScopeView(scope.canDialOut(), scope.fundedBy().stream().map(Enum::name).toList(),
                    scope.reasons().stream().map(Enum::name).toList());
        }
    }

    /** One kind of call to one class of destination (INV-CALL-12: as authorisation would decide it). */
    record CallView(String callType, String destination, boolean canDialOut, List<String> fundedBy,
                    List<String> reasons) {
    }

    /**
     * The contract's fields first (outbound calls in the usage location's country), then the other call kinds:
     * {@code international} and {@code conferenceDialOut} (to a Zone A country abroad) as before, and
     * {@code calls}, every call type to every class of destination.
     */
    record EligibilityView(String userId, boolean canDialOut, List<String> fundedBy, List<String> licenses,
                           String usageLocation, List<String> reasons, ScopeView international,
                           ScopeView conferenceDialOut, List<CallView> calls) {

        static EligibilityView of(EligibilityReadModel.Decided decided) {
            Eligibility eligibility = decided.eligibility();
            ScopeView domestic = ScopeView.of(eligibility.domestic());
            List<CallView> calls = new ArrayList<>();
            for (CallType kind : CallType.values()) {
                for (Destination destination : Destination.values()) {
                    ScopeView scope = ScopeView.of(eligibility.of(kind, destination));
                    calls.add(new CallView(kind.name(), destination.name(), scope.canDialOut(), scope.fundedBy(),
                            scope.reasons()));
                }
            }
            return new EligibilityView(decided.user().userId(), domestic.canDialOut(), domestic.fundedBy(),
                    decided.user().skus().stream().sorted().map(Enum::name).toList(), decided.user().usageLocation(),
                    domestic.reasons(), ScopeView.of(eligibility.international()),
                    ScopeView.of(eligibility.conferenceDialOut()), List.copyOf(calls));
        }
    }

    record Page(List<EligibilityView> items, String next) {
    }

    @GetMapping(path = "/api/tenants/{tenantId}/users/{userId}/eligibility", produces = "application/json")
    EligibilityView user(@PathVariable String tenantId, @PathVariable String userId,
                         @RequestParam(required = false) Long minSequence) {
        RequestFields.id(tenantId, "tenantId");
        RequestFields.id(userId, "userId");
        positions.awaitSequence(EligibilityProjection.PROCESSOR, minSequence);
        return EligibilityView.of(readModel.user(tenantId, userId));
    }

    record PolicySource(String pstn, String conference) {
    }

    record PolicyView(String pstn, String conference, PolicySource source) {
    }

    /** The contract's "(v2) Dial-out policies": the user's effective policy and where each field comes from. */
    @GetMapping(path = "/api/tenants/{tenantId}/users/{userId}/dial-out-policy", produces = "application/json")
    PolicyView dialOutPolicy(@PathVariable String tenantId, @PathVariable String userId,
                             @RequestParam(required = false) Long minSequence) {
        RequestFields.id(tenantId, "tenantId");
        RequestFields.id(userId, "userId");
        positions.awaitSequence(EligibilityProjection.PROCESSOR, minSequence);
        EligibilityReadModel.Policy policy = readModel.policy(tenantId, userId);
        return new PolicyView(policy.effective().pstn().name(), policy.effective().conference().name(),
                new PolicySource(policy.userPstn() ? "USER" : "TENANT", policy.userConference() ? "USER" : "TENANT"));
    }

    @GetMapping(path = "/api/tenants/{tenantId}/eligibility", produces = "application/json")
    Page users(@PathVariable String tenantId, @RequestParam(required = false) String canDialOut,
               @RequestParam(required = false) String after, @RequestParam(required = false) String limit,
               @RequestParam(required = false) Long minSequence) {
        RequestFields.id(tenantId, "tenantId");
        Boolean wanted = canDialOut(canDialOut);
        int max = limit(limit);
        if (after != null && !Ids.isValid(after)) {
            throw new LedgerException(ErrorCode.INVALID_PAGING, "after must be a cursor from a previous page");
        }
        positions.awaitSequence(EligibilityProjection.PROCESSOR, minSequence);
        EligibilityReadModel.TenantView tenant = readModel.tenant(tenantId);
        List<EligibilityView> items = new ArrayList<>();
        String cursor = after;
        while (true) {
            List<EligibilityReadModel.Decided> batch = readModel.users(tenantId, tenant, cursor, SCAN_BATCH);
            for (int i = 0; i < batch.size(); i++) {
                EligibilityReadModel.Decided decided = batch.get(i);
                cursor = decided.user().userId();
                if (wanted == null || decided.eligibility().domestic().canDialOut() == wanted) {
                    items.add(EligibilityView.of(decided));
                    if (items.size() == max) {
                        boolean lastRow = i == batch.size() - 1 && batch.size() < SCAN_BATCH;
                        // The cursor is the last user looked at; a later page may be empty if no one else matches.
                        return new Page(items, lastRow ? null : cursor);
                    }
                }
            }
            if (batch.size() < SCAN_BATCH) {
                return new Page(items, null);
            }
        }
    }

    private static Boolean canDialOut(String value) {
        if (value == null) {
            return null;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        throw new LedgerException(ErrorCode.INVALID_REQUEST, "canDialOut must be true or false");
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1 && parsed <= MAX_LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new LedgerException(ErrorCode.INVALID_PAGING, "limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
