-- Calling rules in one place (issue 17): the command-side profile stores the user's pool country, computed in
-- Java by CallingEntitlements.poolCountry (US and PR share one), so that no query restates that rule in SQL.
-- The call path joins lic_pool_holders on it; UserCallingProfiles recounts the holders in Java.
ALTER TABLE lic_user_profile ADD COLUMN pool_country VARCHAR(2);

-- One-time back-fill of rows written before this migration (a frozen copy of the rule, as of this release).
UPDATE lic_user_profile SET pool_country = CASE WHEN usage_location = 'PR' THEN 'US' ELSE usage_location END
WHERE usage_location IS NOT NULL;

-- M365_E5 includes Audio Conferencing (issue 17), so its holders size the dial-out pool too; the counts are
-- recomputed once here, and in Java after every licensing event from now on.
DELETE FROM lic_pool_holders;
INSERT INTO lic_pool_holders (tenant_id, pool_country, domestic, international, conferencing)
SELECT tenant_id, pool_country,
       SUM(CASE WHEN ',' || skus || ',' LIKE '%,CALLING_PLAN_DOMESTIC,%' THEN 1 ELSE 0 END),
       SUM(CASE WHEN ',' || skus || ',' LIKE '%,CALLING_PLAN_INTERNATIONAL,%' THEN 1 ELSE 0 END),
       SUM(CASE WHEN ',' || skus || ',' LIKE '%,AUDIO_CONFERENCING,%' OR ',' || skus || ',' LIKE '%,M365_E5,%'
           THEN 1 ELSE 0 END)
FROM lic_user_profile
WHERE pool_country IS NOT NULL
GROUP BY tenant_id, pool_country;
