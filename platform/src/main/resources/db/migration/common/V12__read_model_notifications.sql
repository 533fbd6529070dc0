-- Read model "notifications": one row per notification event, keyed by its global index (idempotent).
CREATE TABLE rm_notification (
    sequence     BIGINT       NOT NULL,
    tenant_id    VARCHAR(128) NOT NULL,
    type         VARCHAR(40)  NOT NULL,
    occurred_at  TIMESTAMP    NOT NULL,
    amount_minor BIGINT,
    currency     VARCHAR(3),
    reference    VARCHAR(255),
    message      VARCHAR(500) NOT NULL,
    CONSTRAINT pk_rm_notification PRIMARY KEY (sequence)
);
CREATE INDEX ix_rm_notification_tenant ON rm_notification (tenant_id, sequence);
