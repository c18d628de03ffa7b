-- Issue 17 item 2: a second factor (TOTP, RFC 6238) per account, recovery codes, the events of an
-- account, the Dienststelle's requirement, the stage of a session, and API tokens that expire.

-- Required for the roles that read case content (on by default); a Dienststelle may require it
-- for every role. The demo turns the first off.
ALTER TABLE dienststelle ADD COLUMN zweiter_faktor_pflicht BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE dienststelle ADD COLUMN zweiter_faktor_fuer_alle BOOLEAN NOT NULL DEFAULT FALSE;

-- The TOTP secret (base32) of an account; `bestaetigt_um` is NULL while the enrolment waits for
-- its first code. `letzter_schritt`: the newest time step used, so no code is accepted twice.
CREATE TABLE zweiter_faktor (
    benutzer_id BIGINT NOT NULL PRIMARY KEY REFERENCES benutzer (id),
    geheimnis TEXT NOT NULL,
    erstellt_um TIMESTAMPTZ NOT NULL,
    bestaetigt_um TIMESTAMPTZ,
    letzter_schritt BIGINT
);

-- Recovery codes: only their SHA-256; each one is usable once.
CREATE TABLE wiederherstellungscode (
    id INTEGER NOT NULL PRIMARY KEY,
    benutzer_id BIGINT NOT NULL REFERENCES benutzer (id),
    hash TEXT NOT NULL,
    verwendet_um TIMESTAMPTZ
);

CREATE INDEX wiederherstellungscode_benutzer ON wiederherstellungscode (benutzer_id);

-- What happened to an account's second factor and who did it (the Administration's reset).
CREATE TABLE konto_ereignis (
    id INTEGER NOT NULL PRIMARY KEY,
    benutzer_id BIGINT NOT NULL REFERENCES benutzer (id),
    ausgeloest_von BIGINT NOT NULL REFERENCES benutzer (id),
    zeitpunkt TIMESTAMPTZ NOT NULL,
    art TEXT NOT NULL CHECK (art IN ('zweiter_faktor_eingerichtet', 'zweiter_faktor_entfernt', 'zweiter_faktor_zurueckgesetzt'))
);

CREATE INDEX konto_ereignis_benutzer ON konto_ereignis (benutzer_id, id);

-- The stage of a session after the password: 'voll' signed in, 'code' waits for the second
-- factor, 'einrichten' may only enrol a second factor.
ALTER TABLE sitzung ADD COLUMN stufe TEXT NOT NULL DEFAULT 'voll' CHECK (stufe IN ('voll', 'code', 'einrichten'));

-- API tokens expire; NULL (tokens from before) counts as `erstellt_um` plus the configured period.
ALTER TABLE api_token ADD COLUMN gueltig_bis TIMESTAMPTZ;
ALTER TABLE api_token ADD COLUMN zuletzt_um TIMESTAMPTZ;
