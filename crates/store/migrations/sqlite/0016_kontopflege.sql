-- Issue 15/9: the Administration changes a user's role and team, sends a one-time link to set a
-- new password, and moves a caseload; each is recorded in konto_ereignis (with what changed in
-- `angabe`). SQLite cannot widen a CHECK constraint: the table is rebuilt with its rows.
CREATE TABLE konto_ereignis_neu (
    id INTEGER NOT NULL PRIMARY KEY,
    benutzer_id BIGINT NOT NULL REFERENCES benutzer (id),
    ausgeloest_von BIGINT NOT NULL REFERENCES benutzer (id),
    zeitpunkt TIMESTAMPTZ NOT NULL,
    art TEXT NOT NULL CHECK (art IN ('zweiter_faktor_eingerichtet', 'zweiter_faktor_entfernt', 'zweiter_faktor_zurueckgesetzt',
        'rolle_geaendert', 'team_geaendert', 'passwort_link_erstellt', 'passwort_neu_gesetzt', 'bestand_uebertragen')),
    angabe TEXT
);
INSERT INTO konto_ereignis_neu (id, benutzer_id, ausgeloest_von, zeitpunkt, art)
    SELECT id, benutzer_id, ausgeloest_von, zeitpunkt, art FROM konto_ereignis;
DROP TABLE konto_ereignis;
ALTER TABLE konto_ereignis_neu RENAME TO konto_ereignis;
CREATE INDEX konto_ereignis_benutzer ON konto_ereignis (benutzer_id, id);

-- A one-time link to set a new password (only its hash is stored), valid for a limited time.
CREATE TABLE passwort_link (
    id_hash TEXT NOT NULL PRIMARY KEY,
    benutzer_id BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_von BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_um TIMESTAMPTZ NOT NULL,
    gueltig_bis TIMESTAMPTZ NOT NULL
);
CREATE INDEX passwort_link_benutzer ON passwort_link (benutzer_id);
