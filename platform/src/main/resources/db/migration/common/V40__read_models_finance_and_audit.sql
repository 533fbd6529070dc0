-- Read models of the finance and audit query side (issue 7). Every row is copied from events and carries
-- the global index (sequence) of the event that last wrote it, so a rebuild can be compared with live rows.

-- Ledger statement: one row per money movement of a credit account, keyed by the event's global index.
-- amount_minor is the magnitude; direction says what it did to the balance (CREDIT, DEBIT, or MEMO for
-- usage recorded beside the balance: unfunded or postpaid, balance unchanged).
CREATE TABLE rm_ledger_entry (
    sequence            BIGINT       NOT NULL,
    tenant_id           VARCHAR(128) NOT NULL,
    occurred_at         TIMESTAMP    NOT NULL,
    entry_type          VARCHAR(32)  NOT NULL,
    direction           VARCHAR(8)   NOT NULL,
    amount_minor        BIGINT       NOT NULL,
    currency            VARCHAR(3)   NOT NULL,
    balance_after_minor BIGINT       NOT NULL,
    tranche_id          VARCHAR(128),
    reference           VARCHAR(255),
    CONSTRAINT pk_rm_ledger_entry PRIMARY KEY (sequence)
);
CREATE INDEX ix_rm_ledger_entry_tenant ON rm_ledger_entry (tenant_id, sequence);

-- Invoices: one row per invoice, its lines as rows of their own.
CREATE TABLE rm_invoice (
    tenant_id     VARCHAR(128) NOT NULL,
    invoice_id    VARCHAR(128) NOT NULL,
    number        BIGINT       NOT NULL,
    kind          VARCHAR(32)  NOT NULL,
    issued_at     TIMESTAMP    NOT NULL,
    total_minor   BIGINT       NOT NULL,
    currency      VARCHAR(3)   NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    reference     VARCHAR(255),
    sequence      BIGINT       NOT NULL,
    CONSTRAINT pk_rm_invoice PRIMARY KEY (tenant_id, invoice_id)
);
CREATE INDEX ix_rm_invoice_tenant_number ON rm_invoice (tenant_id, number);

CREATE TABLE rm_invoice_line (
    tenant_id    VARCHAR(128) NOT NULL,
    invoice_id   VARCHAR(128) NOT NULL,
    line_no      INTEGER      NOT NULL,
    description  VARCHAR(255) NOT NULL,
    amount_minor BIGINT       NOT NULL,
    CONSTRAINT pk_rm_invoice_line PRIMARY KEY (tenant_id, invoice_id, line_no)
);

-- Results of verification runs (GET /verify and the scheduled job): one row per tenant and run.
CREATE TABLE verification_run (
    run_id       VARCHAR(64)  NOT NULL,
    tenant_id    VARCHAR(128) NOT NULL,
    checked_at   TIMESTAMP    NOT NULL,
    position     BIGINT       NOT NULL,
    consistent   BOOLEAN      NOT NULL,
    differences  INTEGER      NOT NULL,
    details      TEXT         NOT NULL,
    CONSTRAINT pk_verification_run PRIMARY KEY (run_id, tenant_id)
);
CREATE INDEX ix_verification_run_tenant ON verification_run (tenant_id, checked_at);
