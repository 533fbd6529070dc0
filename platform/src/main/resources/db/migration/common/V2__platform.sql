-- Platform tables shared by both sides.

-- Idempotency-Key outcomes: written in the same transaction as the command's events (INV-API-01).
CREATE TABLE idempotency_key (
    scope            VARCHAR(300)  NOT NULL,
    idempotency_key  VARCHAR(255)  NOT NULL,
    request_hash     VARCHAR(64)   NOT NULL,
    response_status  INTEGER       NOT NULL,
    response_body    TEXT          NOT NULL,
    event_sequence   BIGINT,
    created_at       TIMESTAMP     NOT NULL,
    CONSTRAINT pk_idempotency_key PRIMARY KEY (scope, idempotency_key)
);

-- The sandbox test clock: one row, the offset from the system clock in milliseconds.
-- Kept in the database so that a restart, and every JVM of a split deployment, sees the same time.
CREATE TABLE test_clock (
    id         INTEGER   NOT NULL,
    offset_ms  BIGINT    NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CONSTRAINT pk_test_clock PRIMARY KEY (id)
);
