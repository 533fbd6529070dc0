package org.commcredits.ledger.command.duework;

import java.time.Instant;

/** One row of the {@code due_work} table. */
record DueItem(DueKind kind, String tenantId, String reference, Instant dueAt) {
}
