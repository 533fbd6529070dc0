-- Notifications for operators (not for a tenant): a projection parked an event it kept failing on (issue 16).
-- Written in the same transaction as the dead letter, so a rolled-back batch leaves neither.
CREATE TABLE operator_notification (
    notification_id  VARCHAR(64)  NOT NULL,
    raised_at        TIMESTAMP    NOT NULL,
    type             VARCHAR(40)  NOT NULL,
    projection       VARCHAR(255) NOT NULL,
    tenant_id        VARCHAR(255),
    event_identifier VARCHAR(255),
    message          VARCHAR(1000) NOT NULL,
    CONSTRAINT pk_operator_notification PRIMARY KEY (notification_id)
);
CREATE INDEX ix_operator_notification_raised ON operator_notification (raised_at);

-- Axon's JDBC dead-letter queue binds its instants as ISO-8601 strings (its own table factory declares them
-- VARCHAR(255)); V1 declared them TIMESTAMP, so the first enqueue failed on PostgreSQL. The table has never held
-- a row (no processor used a dead-letter queue before issue 16).
ALTER TABLE dead_letter_entry ALTER COLUMN enqueued_at SET DATA TYPE VARCHAR(255);
ALTER TABLE dead_letter_entry ALTER COLUMN last_touched SET DATA TYPE VARCHAR(255);
ALTER TABLE dead_letter_entry ALTER COLUMN processing_started SET DATA TYPE VARCHAR(255);
