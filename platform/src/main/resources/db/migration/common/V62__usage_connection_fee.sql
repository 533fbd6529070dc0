-- Microsoft-shaped usage report (issue 17): the connection fee of the rate a call was charged at, in
-- ten-thousandths of the currency unit as rate cards give it (null when no rate applied, or before this
-- migration until the usage read model is rebuilt).
ALTER TABLE rm_call_usage ADD COLUMN connection_fee_e4 BIGINT;
