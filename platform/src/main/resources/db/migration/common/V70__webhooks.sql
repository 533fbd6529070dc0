-- Webhooks for other services (issue 13 part 1, docs/webhooks.md). Not read models: these rows are not rebuilt
-- from events. Endpoints are configuration; messages are an outbox written by the "webhooks" tracking processor
-- in the same transaction as its token, keyed by a message id derived from the event and the endpoint, so a
-- replay merges onto the rows it wrote before and never sends a delivered message again.
CREATE TABLE webhook_endpoint (
    webhook_id            VARCHAR(40)   NOT NULL,
    tenant_id             VARCHAR(128)  NOT NULL,
    url                   VARCHAR(2048) NOT NULL,
    event_types           VARCHAR(1000) NOT NULL,
    description           VARCHAR(500),
    enabled               BOOLEAN       NOT NULL,
    -- AES-GCM under LEDGER_SECRETS_KEY; the previous secret signs too until previous_secret_until (24 h after a rotation)
    secret_enc            VARCHAR(200)  NOT NULL,
    previous_secret_enc   VARCHAR(200),
    previous_secret_until TIMESTAMP,
    -- events at or below this global index (the head when the endpoint was created) are never sent to it
    from_sequence         BIGINT        NOT NULL,
    created_at            TIMESTAMP     NOT NULL,
    disabled_at           TIMESTAMP,
    deleted_at            TIMESTAMP,
    CONSTRAINT pk_webhook_endpoint PRIMARY KEY (webhook_id)
);
CREATE INDEX ix_webhook_endpoint_tenant ON webhook_endpoint (tenant_id, created_at);

CREATE TABLE webhook_message (
    message_id      VARCHAR(40)   NOT NULL,
    webhook_id      VARCHAR(40)   NOT NULL,
    tenant_id       VARCHAR(128)  NOT NULL,
    event_type      VARCHAR(40)   NOT NULL,
    -- the event's global index * 8 + the message's place among that event's messages: the send order
    event_order     BIGINT        NOT NULL,
    payload         VARCHAR(8000) NOT NULL,
    status          VARCHAR(12)   NOT NULL,
    attempts        INT           NOT NULL,
    -- attempts since the message was last (re)queued; the retry schedule counts these
    round_attempts  INT           NOT NULL,
    next_attempt_at TIMESTAMP     NOT NULL,
    last_status_code INT,
    last_error      VARCHAR(500),
    last_attempt_at TIMESTAMP,
    delivered_at    TIMESTAMP,
    created_at      TIMESTAMP     NOT NULL,
    -- a dispatcher instance's claim while it sends (FOR UPDATE SKIP LOCKED on PostgreSQL, a conditional update on H2)
    lease_owner     VARCHAR(64),
    lease_until     TIMESTAMP,
    CONSTRAINT pk_webhook_message PRIMARY KEY (message_id)
);
CREATE INDEX ix_webhook_message_endpoint ON webhook_message (webhook_id, event_order);
CREATE INDEX ix_webhook_message_due ON webhook_message (status, next_attempt_at);

CREATE TABLE webhook_attempt (
    message_id   VARCHAR(40)  NOT NULL,
    attempt      INT          NOT NULL,
    attempted_at TIMESTAMP    NOT NULL,
    status_code  INT,
    error        VARCHAR(500),
    duration_ms  BIGINT       NOT NULL,
    CONSTRAINT pk_webhook_attempt PRIMARY KEY (message_id, attempt)
);
