-- Rate rows of every accepted rate card upload, written by the command side's subscribing "rate-book"
-- processor in the upload's own transaction; a re-upload of a rateCardId replaces its rows. Prices are in
-- ten-thousandths of the currency's major unit.
CREATE TABLE rating_rate_row (
    rate_card_id      VARCHAR(128) NOT NULL,
    row_no            INTEGER      NOT NULL,
    version           BIGINT       NOT NULL,
    prefix            VARCHAR(15)  NOT NULL,
    destination       VARCHAR(100) NOT NULL,
    currency          VARCHAR(3)   NOT NULL,
    per_minute_e4     BIGINT       NOT NULL,
    connection_fee_e4 BIGINT       NOT NULL,
    effective_from    TIMESTAMP    NOT NULL,
    uploaded_at       TIMESTAMP    NOT NULL,
    CONSTRAINT pk_rating_rate_row PRIMARY KEY (rate_card_id, row_no)
);
