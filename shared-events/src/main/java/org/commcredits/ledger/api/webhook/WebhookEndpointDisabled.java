package org.commcredits.ledger.api.webhook;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.Instant;

/**
 * A webhook endpoint was disabled because a message to it still failed after its last scheduled attempt
 * (INV-WH-05). Published by the webhook dispatcher (not by an aggregate), so that the tenant's
 * {@code WEBHOOK_DISABLED} notification is rebuilt from the event stream like every other notification.
 */
@Revision("1")
public record WebhookEndpointDisabled(TenantId tenantId, String webhookId, String url, String messageId,
                                      int attempts, Integer lastStatusCode, Instant disabledAt) {
}
