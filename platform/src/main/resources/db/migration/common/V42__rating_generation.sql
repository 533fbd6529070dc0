-- A counter that every rate card upload increases in its own transaction, so that each command-side
-- instance can tell cheaply that its in-memory rate table is out of date (RateBook, docs/rating.md).
CREATE TABLE rating_book (
    id          SMALLINT NOT NULL,
    generation  BIGINT   NOT NULL,
    CONSTRAINT pk_rating_book PRIMARY KEY (id)
);
INSERT INTO rating_book (id, generation) VALUES (1, 0);
