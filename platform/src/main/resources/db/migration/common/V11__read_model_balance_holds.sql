-- Read model "balance": holds for authorised calls, per reservation and tranche, so that the held total
-- stays right when a tranche with a hold on it expires (the hold's part on it is forfeited with it).
CREATE TABLE rm_hold (
    tenant_id      VARCHAR(128) NOT NULL,
    reservation_id VARCHAR(255) NOT NULL,
    tranche_id     VARCHAR(128) NOT NULL,
    amount_minor   BIGINT       NOT NULL,
    CONSTRAINT pk_rm_hold PRIMARY KEY (tenant_id, reservation_id, tranche_id)
);

ALTER TABLE rm_account ADD COLUMN recharge_in_flight VARCHAR(255);
ALTER TABLE rm_account ADD COLUMN payment_method_type VARCHAR(32);
