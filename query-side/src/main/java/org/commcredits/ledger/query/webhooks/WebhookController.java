package org.commcredits.ledger.query.webhooks;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.platform.web.Paging;
import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The contract's "(v2) Webhooks for other services": a tenant's endpoints ({@code BILLING_ADMIN}), their
 * delivery log and manual retry. The secret is answered only on creation and rotation (INV-WH-06).
 */
@RestController
class WebhookController {

    private static final String BASE = "/api/tenants/{tenantId}/webhooks";
    private static final Pattern WEBHOOK_ID = Pattern.compile("wh_[0-9a-f]{24}");
    private static final Pattern MESSAGE_ID = Pattern.compile("msg_[0-9a-f]{32}");

    private final WebhookEndpoints endpoints;
    private final WebhookMessages messages;
    private final WebhookUrlPolicy policy;
    private final SecretCipher cipher;
    private final Clock clock;

    WebhookController(WebhookEndpoints endpoints, WebhookMessages messages, WebhookUrlPolicy policy, SecretCipher cipher, Clock clock) {
        this.endpoints = endpoints;
        this.messages = messages;
        this.policy = policy;
        this.cipher = cipher;
        this.clock = clock;
    }

    record WebhookRequest(String url, List<String> eventTypes, String description) {
    }

    record WebhookView(String webhookId, String url, List<String> eventTypes, String description, boolean enabled,
                       String createdAt, String disabledAt) {

        static WebhookView of(WebhookEndpoints.Endpoint e) {
            return new WebhookView(e.webhookId(), e.url(), e.eventTypes(), e.description(), e.enabled(), e.createdAt().toString(),
                    e.disabledAt() == null ? null : e.disabledAt().toString());
        }
    }

    record CreatedView(String webhookId, String url, List<String> eventTypes, String description, boolean enabled,
                       String createdAt, String secret) {
    }

    record RotatedView(String secret, String previousSecretValidUntil) {
    }

    record RetryView(String messageId, String status, String nextAttemptAt) {
    }

    @PostMapping(path = BASE, consumes = "application/json", produces = "application/json")
    ResponseEntity<CreatedView> create(@PathVariable String tenantId, @RequestBody WebhookRequest request) {
        RequestFields.id(tenantId, "tenantId");
        RequestFields.required(request, "body");
        List<WebhookEventType> types = eventTypes(request.eventTypes());
        String description = description(request.description());
        URI url = policy.accept(request.url());
        if (!cipher.available()) {
            throw new LedgerException(ErrorCode.WEBHOOKS_UNAVAILABLE, "Set LEDGER_SECRETS_KEY to use webhooks outside the sandbox");
        }
        WebhookEndpoints.Created created = endpoints.create(tenantId, url.toString(), types, description);
        WebhookEndpoints.Endpoint e = created.endpoint();
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedView(e.webhookId(), e.url(), e.eventTypes(), e.description(),
                e.enabled(), e.createdAt().toString(), created.secret()));
    }

    @GetMapping(path = BASE, produces = "application/json")
    Paging.Page<WebhookView> list(@PathVariable String tenantId) {
        RequestFields.id(tenantId, "tenantId");
        return new Paging.Page<>(endpoints.list(tenantId).stream().map(WebhookView::of).toList(), null);
    }

    @DeleteMapping(path = BASE + "/{webhookId}")
    ResponseEntity<Void> delete(@PathVariable String tenantId, @PathVariable String webhookId) {
        RequestFields.id(tenantId, "tenantId");
        if (!WEBHOOK_ID.matcher(webhookId).matches() || !endpoints.delete(tenantId, webhookId)) {
            throw notFound(webhookId);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = BASE + "/{webhookId}/rotate-secret", produces = "application/json")
    RotatedView rotate(@PathVariable String tenantId, @PathVariable String webhookId) {
        endpoint(tenantId, webhookId);
        Instant now = clock.instant();
        String secret = endpoints.rotate(tenantId, webhookId).orElseThrow(() -> notFound(webhookId));
        return new RotatedView(secret, now.plus(WebhookEndpoints.ROTATION_OVERLAP).toString());
    }

    @GetMapping(path = BASE + "/{webhookId}/deliveries", produces = "application/json")
    WebhookMessages.Page deliveries(@PathVariable String tenantId, @PathVariable String webhookId,
                                    @RequestParam(required = false) String after, @RequestParam(required = false) Integer limit) {
        int size = Paging.limit(limit);
        long cursor = Paging.after(after);
        endpoint(tenantId, webhookId);
        return messages.deliveries(webhookId, cursor, size);
    }

    /** Sends the message again, now, with a fresh retry schedule; a disabled endpoint is enabled again. */
    @PostMapping(path = BASE + "/{webhookId}/deliveries/{messageId}/retry", produces = "application/json")
    ResponseEntity<RetryView> retry(@PathVariable String tenantId, @PathVariable String webhookId, @PathVariable String messageId) {
        endpoint(tenantId, webhookId);
        Instant now = clock.instant();
        if (!MESSAGE_ID.matcher(messageId).matches() || !messages.requeue(webhookId, messageId, now)) {
            throw new LedgerException(ErrorCode.DELIVERY_NOT_FOUND, "No message " + messageId + " for webhook " + webhookId);
        }
        endpoints.enable(webhookId);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RetryView(messageId, "PENDING", now.toString()));
    }

    private WebhookEndpoints.Endpoint endpoint(String tenantId, String webhookId) {
        RequestFields.id(tenantId, "tenantId");
        if (!WEBHOOK_ID.matcher(webhookId).matches()) {
            throw notFound(webhookId);
        }
        return endpoints.find(tenantId, webhookId).orElseThrow(() -> notFound(webhookId));
    }

    private static LedgerException notFound(String webhookId) {
        return new LedgerException(ErrorCode.WEBHOOK_NOT_FOUND, "No webhook endpoint " + printable(webhookId) + " for this tenant");
    }

    private static String printable(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    static List<WebhookEventType> eventTypes(List<String> values) {
        RequestFields.required(values, "eventTypes");
        if (values.isEmpty()) {
            throw new LedgerException(ErrorCode.INVALID_EVENT_TYPE, "eventTypes must name at least one event type");
        }
        if (values.size() > WebhookEventType.values().length) {
            throw new LedgerException(ErrorCode.INVALID_EVENT_TYPE, "eventTypes names more types than exist");
        }
        Set<WebhookEventType> types = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null) {
                throw new LedgerException(ErrorCode.INVALID_EVENT_TYPE, "eventTypes must not contain null");
            }
            types.add(WebhookEventType.fromWire(value));
        }
        return new ArrayList<>(types);
    }

    static String description(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > 500 || value.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0xFFFD
                || Character.getType(c) == Character.UNASSIGNED || Character.getType(c) == Character.SURROGATE)) {
            throw new LedgerException(ErrorCode.INVALID_REQUEST, "description must be at most 500 printable characters");
        }
        return value;
    }
}
