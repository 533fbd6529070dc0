-- Work that falls due over time on the command side (tranche expiry and its warning, reservation timeouts,
-- recharge attempts, month ends of postpaid usage). Kept from the credit account's events in the same
-- transaction as the events, and swept by DueWorkSweeper at the ledger clock's instant: data, so it
-- survives restarts, and the sandbox test clock makes it fall due (docs/architecture.md, "Decisions").
CREATE TABLE due_work (
    kind       VARCHAR(32)  NOT NULL,
    tenant_id  VARCHAR(128) NOT NULL,
    reference  VARCHAR(255) NOT NULL,
    due_at     TIMESTAMP    NOT NULL,
    CONSTRAINT pk_due_work PRIMARY KEY (kind, tenant_id, reference)
);
CREATE INDEX ix_due_work_due_at ON due_work (due_at);
