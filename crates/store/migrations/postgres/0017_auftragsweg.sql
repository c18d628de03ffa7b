-- Issue 13/1: referrals have an addressee and a lifecycle. A Fachdienst user belongs to one
-- service; a referral row carries the service it is addressed to (`dienst`, catalogue id) and
-- its state (`status`, also in the Fallakte entry `inhalt`); `erledigt` stays the flag "closed
-- for the service" that the access decision reads.
ALTER TABLE benutzer ADD COLUMN fachdienst TEXT;
ALTER TABLE auftrag ADD COLUMN dienst TEXT NOT NULL DEFAULT '';
ALTER TABLE auftrag ADD COLUMN status TEXT NOT NULL DEFAULT 'beauftragt';
UPDATE auftrag SET dienst = CASE
    WHEN leistung LIKE 'aed_%' THEN 'aerztlicher_dienst'
    WHEN leistung LIKE 'bps_%' THEN 'berufspsychologischer_service'
    WHEN leistung LIKE 'tbd_%' THEN 'technischer_beratungsdienst'
    WHEN leistung LIKE 'biz_%' THEN 'biz'
    WHEN leistung LIKE 'zav_%' THEN 'zav'
    ELSE '' END;
-- A referral marked answered before had its result noted by the VFK.
UPDATE auftrag SET status = 'zur_kenntnis_genommen', inhalt = (inhalt::jsonb || '{"status": "zur_kenntnis_genommen"}'::jsonb)::text WHERE erledigt;
-- The inbox of a service: its open referrals, oldest first.
CREATE INDEX auftrag_posteingang ON auftrag (dienst, erledigt, datum);
