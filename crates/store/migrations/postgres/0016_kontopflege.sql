-- Issue 15/9: the Administration changes a user's role and team, sends a one-time link to set a
-- new password, and moves a caseload; each is recorded in konto_ereignis (with what changed in
-- `angabe`).
ALTER TABLE konto_ereignis DROP CONSTRAINT konto_ereignis_art_check;
ALTER TABLE konto_ereignis ADD CONSTRAINT konto_ereignis_art_check CHECK (art IN ('zweiter_faktor_eingerichtet',
    'zweiter_faktor_entfernt', 'zweiter_faktor_zurueckgesetzt', 'rolle_geaendert', 'team_geaendert',
    'passwort_link_erstellt', 'passwort_neu_gesetzt', 'bestand_uebertragen'));
ALTER TABLE konto_ereignis ADD COLUMN angabe TEXT;

-- A one-time link to set a new password (only its hash is stored), valid for a limited time.
CREATE TABLE passwort_link (
    id_hash TEXT NOT NULL PRIMARY KEY,
    benutzer_id BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_von BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_um TIMESTAMPTZ NOT NULL,
    gueltig_bis TIMESTAMPTZ NOT NULL
);
CREATE INDEX passwort_link_benutzer ON passwort_link (benutzer_id);
