-- Facts of issue 12, stored in the Fallakte JSON of `inhalt` (rewritten here, no new columns).
--
-- PL2: the combined flag `standortbestimmung.fbw_ueber_9_monate` becomes two facts: the planned
-- duration of the FbW `fbw_dauer_monate` (unknown for old rows, so absent) and
-- `prognose_nur_wegen_fbw` (the old flag's value).
UPDATE profiling
SET inhalt = jsonb_set(
    inhalt::jsonb #- '{standortbestimmung,fbw_ueber_9_monate}',
    '{standortbestimmung,prognose_nur_wegen_fbw}',
    to_jsonb(COALESCE((inhalt::jsonb #>> '{standortbestimmung,fbw_ueber_9_monate}')::boolean, false))
)::text
WHERE inhalt::jsonb -> 'standortbestimmung' ? 'fbw_ueber_9_monate';

-- U2: the years of leadership experience were asked as "aktuelle Führungserfahrung"; a referral
-- to the Managementvermittlung recorded before keeps that meaning.
UPDATE auftrag
SET inhalt = jsonb_set(inhalt::jsonb, '{zav,fuehrungserfahrung_aktuell}', 'true'::jsonb)::text
WHERE leistung = 'zav_managementvermittlung'
  AND jsonb_typeof(inhalt::jsonb -> 'zav') = 'object'
  AND NOT (inhalt::jsonb -> 'zav') ? 'fuehrungserfahrung_aktuell';
