-- Facts of issue 12, stored in the Fallakte JSON of `inhalt` (rewritten here, no new columns).
--
-- PL2: the combined flag `standortbestimmung.fbw_ueber_9_monate` becomes two facts: the planned
-- duration of the FbW `fbw_dauer_monate` (unknown for old rows, so absent) and
-- `prognose_nur_wegen_fbw` (the old flag's value).
UPDATE profiling
SET inhalt = json_remove(
    json_set(
        inhalt,
        '$.standortbestimmung.prognose_nur_wegen_fbw',
        CASE WHEN json_extract(inhalt, '$.standortbestimmung.fbw_ueber_9_monate') = 1 THEN json('true') ELSE json('false') END
    ),
    '$.standortbestimmung.fbw_ueber_9_monate'
)
WHERE json_type(inhalt, '$.standortbestimmung.fbw_ueber_9_monate') IS NOT NULL;

-- U2: the years of leadership experience were asked as "aktuelle Führungserfahrung"; a referral
-- to the Managementvermittlung recorded before keeps that meaning.
UPDATE auftrag
SET inhalt = json_set(inhalt, '$.zav.fuehrungserfahrung_aktuell', json('true'))
WHERE leistung = 'zav_managementvermittlung'
  AND json_type(inhalt, '$.zav') = 'object'
  AND json_type(inhalt, '$.zav.fuehrungserfahrung_aktuell') IS NULL;
