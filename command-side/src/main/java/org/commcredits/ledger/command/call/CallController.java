package org.commcredits.ledger.command.call;

import org.commcredits.ledger.api.call.CallIds;
import org.commcredits.ledger.api.call.CallType;
import org.commcredits.ledger.api.call.E164Number;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.platform.commands.CommandExecutor;
import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The call paths of the contract: authorise, complete, and the batch of usage records. */
@RestController
@RequestMapping(path = "/api/tenants/{tenantId}", produces = "application/json")
class CallController {

    /** The most records one batch may carry. */
    static final int MAX_BATCH = 1_000;
    /** The longest call the ledger rates: 7 days. */
    static final long MAX_DURATION_SECONDS = 7L * 24 * 3600;

    private final CallDesk desk;
    private final CommandExecutor executor;
    /** Whether cached reads are checked once before commit (docs/architecture.md, decision 16) or at each read. */
    private final boolean deferredChecks;

    CallController(CallDesk desk, CommandExecutor executor,
                   @Value("${ledger.calls.deferred-checks:true}") boolean deferredChecks) {
        this.desk = desk;
        this.executor = executor;
        this.deferredChecks = deferredChecks;
    }

    private ResponseEntity<String> run(CommandExecutor.Command command) {
        return deferredChecks ? executor.executeWithDeferredChecks(command) : executor.execute(command);
    }

    record AuthorizeRequest(String userId, String destination, String callType) {
    }

    record AuthorizeAnswer(String decision, String fundedBy, Long maxDurationSeconds, String reason) {
    }

    record CompleteRequest(Long durationSeconds, String endedAt) {
    }

    record CompleteAnswer(long minutesFromPool, String chargedAmount, String balance) {
    }

    record UsageRequestRecord(String callId, String userId, String destination, String callType, String startedAt,
                              Long durationSeconds) {
    }

    record UsageResult(String callId, String status, String code, String detail, Long minutesFromPool,
                       String chargedAmount, String balance) {
    }

    record UsageAnswer(List<UsageResult> items, int recorded, int duplicates, int rejected) {
    }

    @PostMapping(path = "/calls/{callId}/authorize", consumes = "application/json")
    ResponseEntity<String> authorize(@PathVariable String tenantId, @PathVariable String callId,
                                     @RequestBody AuthorizeRequest request) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        CallId call = CallId.of(RequestFields.id(callId, "callId"));
        RequestFields.required(request, "body");
        CallType type = RequestFields.enumValue(CallType.class, request.callType(), "callType", ErrorCode.INVALID_CALL_TYPE);
        E164Number destination = E164Number.of(RequestFields.required(request.destination(), "destination"));
        UserId user = type == CallType.TOLL_FREE_INBOUND && request.userId() == null ? null
                : UserId.of(RequestFields.id(request.userId(), "userId"));
        return run(new CommandExecutor.Command(CallIds.aggregateId(tenant, call), null, tenantId, request,
                () -> {
                    CallDesk.Decision decision = desk.authorize(tenant, call, user, destination, type);
                    return new CommandExecutor.Answer(200, new AuthorizeAnswer(decision.decision().name(),
                            decision.fundedBy() == null ? null : decision.fundedBy().name(),
                            decision.maxDurationSeconds(), decision.reason() == null ? null : decision.reason().name()));
                }));
    }

    @PostMapping(path = "/calls/{callId}/complete", consumes = "application/json")
    ResponseEntity<String> complete(@PathVariable String tenantId, @PathVariable String callId,
                                    @RequestBody CompleteRequest request,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        CallId call = CallId.of(RequestFields.id(callId, "callId"));
        RequestFields.required(request, "body");
        long duration = duration(request.durationSeconds());
        Instant endedAt = request.endedAt() == null ? null : instant(request.endedAt(), "endedAt");
        return run(new CommandExecutor.Command(CallIds.aggregateId(tenant, call), idempotencyKey, tenantId,
                request, () -> {
                    CallDesk.Settlement settled = desk.complete(tenant, call, duration, endedAt);
                    return new CommandExecutor.Answer(200, new CompleteAnswer(settled.minutesFromPool(),
                            plain(settled.chargedAmount()), plain(settled.balance())));
                }));
    }

    @PostMapping(path = "/usage", consumes = "application/json")
    ResponseEntity<String> usage(@PathVariable String tenantId, @RequestBody List<UsageRequestRecord> request,
                                 @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        RequestFields.required(request, "body");
        if (request.size() > MAX_BATCH) {
            throw new LedgerException(ErrorCode.TOO_MANY_ITEMS, "At most " + MAX_BATCH + " records per request");
        }
        List<UsageResult> rejected = new ArrayList<>();
        List<Object> parsed = new ArrayList<>();
        for (UsageRequestRecord record : request) {
            try {
                parsed.add(parse(record));
            } catch (LedgerException invalid) {
                UsageResult result = new UsageResult(record == null ? null : record.callId(), "REJECTED",
                        invalid.code().name(), invalid.getMessage(), null, null, null);
                parsed.add(result);
                rejected.add(result);
            }
        }
        // The header's sequence comes from the last valid record's call: its events are the batch's last.
        String lastCall = parsed.stream().filter(CallDesk.UsageRecord.class::isInstance).map(CallDesk.UsageRecord.class::cast)
                .reduce((first, second) -> second).map(r -> CallIds.aggregateId(tenant, r.callId()))
                .orElse(tenant.value() + "/usage");
        return run(new CommandExecutor.Command(lastCall, idempotencyKey, tenantId,
                request, () -> {
                    List<CallDesk.UsageRecord> valid = parsed.stream().filter(CallDesk.UsageRecord.class::isInstance)
                            .map(CallDesk.UsageRecord.class::cast).toList();
                    var imported = desk.importRecords(tenant, valid).iterator();
                    List<UsageResult> items = new ArrayList<>(parsed.size());
                    int recorded = 0;
                    int duplicates = 0;
                    for (Object entry : parsed) {
                        if (entry instanceof UsageResult invalid) {
                            items.add(invalid);
                            continue;
                        }
                        CallDesk.ImportResult result = imported.next();
                        CallDesk.Settlement s = result.settlement();
                        recorded += result.status() == CallDesk.ImportStatus.RECORDED ? 1 : 0;
                        duplicates += result.status() == CallDesk.ImportStatus.DUPLICATE ? 1 : 0;
                        items.add(new UsageResult(result.callId().value(), result.status().name(), result.code(),
                                result.detail(), s == null ? null : s.minutesFromPool(),
                                s == null ? null : plain(s.chargedAmount()), s == null ? null : plain(s.balance())));
                    }
                    return new CommandExecutor.Answer(200, new UsageAnswer(items, recorded, duplicates,
                            items.size() - recorded - duplicates));
                }));
    }

    private static CallDesk.UsageRecord parse(UsageRequestRecord record) {
        RequestFields.required(record, "record");
        CallId call = CallId.of(RequestFields.id(record.callId(), "callId"));
        CallType type = RequestFields.enumValue(CallType.class, record.callType(), "callType", ErrorCode.INVALID_CALL_TYPE);
        E164Number destination = E164Number.of(RequestFields.required(record.destination(), "destination"));
        UserId user = type == CallType.TOLL_FREE_INBOUND && record.userId() == null ? null
                : UserId.of(RequestFields.id(record.userId(), "userId"));
        Instant started = instant(RequestFields.required(record.startedAt(), "startedAt"), "startedAt");
        return new CallDesk.UsageRecord(call, user, destination, type, started, duration(record.durationSeconds()));
    }

    private static long duration(Long seconds) {
        if (seconds == null || seconds < 0 || seconds > MAX_DURATION_SECONDS) {
            throw new LedgerException(ErrorCode.INVALID_DURATION,
                    "durationSeconds must be a whole number of seconds from 0 to " + MAX_DURATION_SECONDS);
        }
        return seconds;
    }

    private static Instant instant(String text, String name) {
        return RequestFields.instant(text, name); // INV-IN-04: years 2000 to 9999
    }

    private static String plain(Money money) {
        return money == null ? null : money.toPlainString();
    }

}
