-- The case files (ARCHITECTURE.md "Data"). Domain sub-documents (a profiling version, a goal, a
-- strategy, an EV version, a conversation, a Vermerk, a referral) are stored as the JSON of the
-- Fallakte format in `inhalt`, next to the columns that queries filter on; so a stored case
-- exports as exactly the Fallakte that `vierphasen pruefen` reads. Matching (Stellenangebote,
-- Vermittlungsvorschläge) and the Schnittstellen come with their issues.

CREATE TABLE dienststelle (
    id INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    rechtskreis TEXT NOT NULL CHECK (rechtskreis IN ('SGB_II', 'SGB_III')),
    -- S11/K1: the Fallakte's `dienststelle` object (local strategies, Kontaktdichtekonzept).
    konfiguration TEXT NOT NULL,
    erstellt_um TIMESTAMPTZ NOT NULL
);

CREATE TABLE team (
    id INTEGER NOT NULL PRIMARY KEY,
    dienststelle_id BIGINT NOT NULL REFERENCES dienststelle (id),
    name TEXT NOT NULL,
    UNIQUE (dienststelle_id, name)
);

CREATE TABLE benutzer (
    id INTEGER NOT NULL PRIMARY KEY,
    dienststelle_id BIGINT NOT NULL REFERENCES dienststelle (id),
    team_id BIGINT REFERENCES team (id),
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    rolle TEXT NOT NULL CHECK (rolle IN ('vfk', 'teamleitung', 'fachdienst', 'admin', 'datenschutz')),
    passwort_hash TEXT NOT NULL,
    aktiv BOOLEAN NOT NULL,
    erstellt_um TIMESTAMPTZ NOT NULL
);

-- A VFK standing in for a colleague writes her caseload too.
CREATE TABLE vertretung (
    vertreter_id BIGINT NOT NULL REFERENCES benutzer (id),
    vertretener_id BIGINT NOT NULL REFERENCES benutzer (id),
    PRIMARY KEY (vertreter_id, vertretener_id)
);

-- Sessions: only the SHA-256 of the cookie value is stored.
CREATE TABLE sitzung (
    id_hash TEXT NOT NULL PRIMARY KEY,
    benutzer_id BIGINT NOT NULL REFERENCES benutzer (id) ON DELETE CASCADE,
    erstellt_um TIMESTAMPTZ NOT NULL,
    zuletzt_um TIMESTAMPTZ NOT NULL
);

CREATE INDEX sitzung_benutzer ON sitzung (benutzer_id);

-- API tokens for machine clients, hashed at rest.
CREATE TABLE api_token (
    id INTEGER NOT NULL PRIMARY KEY,
    benutzer_id BIGINT NOT NULL REFERENCES benutzer (id),
    name TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    erstellt_um TIMESTAMPTZ NOT NULL,
    widerrufen_um TIMESTAMPTZ
);

CREATE TABLE bedarfsgemeinschaft (
    id INTEGER NOT NULL PRIMARY KEY,
    dienststelle_id BIGINT NOT NULL REFERENCES dienststelle (id),
    nummer TEXT NOT NULL,
    UNIQUE (dienststelle_id, nummer)
);

CREATE TABLE kunde (
    id INTEGER NOT NULL PRIMARY KEY,
    kundennummer TEXT NOT NULL UNIQUE,
    dienststelle_id BIGINT NOT NULL REFERENCES dienststelle (id),
    team_id BIGINT REFERENCES team (id),
    vfk_id BIGINT REFERENCES benutzer (id),
    vorname TEXT NOT NULL,
    nachname TEXT NOT NULL,
    geburtsdatum DATE NOT NULL,
    rechtskreis TEXT NOT NULL CHECK (rechtskreis IN ('SGB_II', 'SGB_III')),
    segment TEXT NOT NULL,
    plz TEXT,
    bedarfsgemeinschaft_id BIGINT REFERENCES bedarfsgemeinschaft (id),
    -- P10: consent to conversations with the whole Bedarfsgemeinschaft.
    bg_einwilligung_am DATE,
    arbeitslos_seit DATE,
    -- U1: the Fallakte's `rechtskreiswechsel` object.
    rechtskreiswechsel TEXT,
    -- §35 SGB I: visible only to the users in kunde_freigabe.
    gesperrt BOOLEAN NOT NULL,
    erstellt_um TIMESTAMPTZ NOT NULL,
    geaendert_um TIMESTAMPTZ NOT NULL
);

CREATE INDEX kunde_vfk ON kunde (vfk_id);
CREATE INDEX kunde_team ON kunde (dienststelle_id, team_id);
CREATE INDEX kunde_name ON kunde (dienststelle_id, nachname);
CREATE INDEX kunde_bg ON kunde (bedarfsgemeinschaft_id);

CREATE TABLE kunde_freigabe (
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    benutzer_id BIGINT NOT NULL REFERENCES benutzer (id),
    PRIMARY KEY (kunde_id, benutzer_id)
);

-- C1/C2: registration episodes.
CREATE TABLE meldung (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    beginn DATE NOT NULL,
    ende DATE
);

CREATE INDEX meldung_kunde ON meldung (kunde_id);

-- P1–P8: every save is a new version; the latest is current.
CREATE TABLE profiling (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    gespeichert_am DATE NOT NULL,
    erstellt_von BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_um TIMESTAMPTZ NOT NULL,
    inhalt TEXT NOT NULL
);

CREATE INDEX profiling_kunde ON profiling (kunde_id);

CREATE TABLE ziel (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    vereinbart_am DATE NOT NULL,
    erstellt_von BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_um TIMESTAMPTZ NOT NULL,
    inhalt TEXT NOT NULL
);

CREATE INDEX ziel_kunde ON ziel (kunde_id);

CREATE TABLE strategie (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    gewaehlt_am DATE NOT NULL,
    erledigt BOOLEAN NOT NULL,
    erstellt_von BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_um TIMESTAMPTZ NOT NULL,
    geaendert_um TIMESTAMPTZ NOT NULL,
    inhalt TEXT NOT NULL
);

CREATE INDEX strategie_kunde ON strategie (kunde_id);

-- E1–E6: draft → abgeschlossen (immutable) → ersetzt.
CREATE TABLE eingliederungsvereinbarung (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    erstellt_am DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('entwurf', 'abgeschlossen', 'ersetzt')),
    erstellt_von BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_um TIMESTAMPTZ NOT NULL,
    inhalt TEXT NOT NULL
);

CREATE INDEX ev_kunde ON eingliederungsvereinbarung (kunde_id);

CREATE TABLE gespraech (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    datum DATE NOT NULL,
    art TEXT NOT NULL,
    erstellt_von BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_um TIMESTAMPTZ NOT NULL,
    inhalt TEXT NOT NULL
);

CREATE INDEX gespraech_kunde ON gespraech (kunde_id);

-- V3: a Beratungsvermerk is immutable; corrections are dated addenda.
CREATE TABLE vermerk (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    datum DATE NOT NULL,
    erstellt_von BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_um TIMESTAMPTZ NOT NULL,
    inhalt TEXT NOT NULL
);

CREATE INDEX vermerk_kunde ON vermerk (kunde_id);

CREATE TABLE nachtrag (
    id INTEGER NOT NULL PRIMARY KEY,
    vermerk_id BIGINT NOT NULL REFERENCES vermerk (id),
    datum DATE NOT NULL,
    text TEXT NOT NULL,
    erstellt_von BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_um TIMESTAMPTZ NOT NULL
);

CREATE INDEX nachtrag_vermerk ON nachtrag (vermerk_id);

-- U2–U8: referrals to ÄD, BPS, TBD, BiZ, ZAV.
CREATE TABLE auftrag (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    datum DATE NOT NULL,
    leistung TEXT NOT NULL,
    erledigt BOOLEAN NOT NULL,
    erstellt_von BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_um TIMESTAMPTZ NOT NULL,
    inhalt TEXT NOT NULL
);

CREATE INDEX auftrag_kunde ON auftrag (kunde_id);

-- U6, P10
CREATE TABLE einwilligung (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    umfang TEXT NOT NULL,
    erteilt_am DATE NOT NULL,
    widerrufen_am DATE,
    erstellt_von BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_um TIMESTAMPTZ NOT NULL
);

CREATE INDEX einwilligung_kunde ON einwilligung (kunde_id);

-- Appointments and Wiedervorlagen. Generated ones carry a `schluessel` (rule + case + date)
-- so the worker never creates the same one twice.
CREATE TABLE termin (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    benutzer_id BIGINT REFERENCES benutzer (id),
    art TEXT NOT NULL CHECK (art IN ('termin', 'wiedervorlage')),
    faellig_am DATE NOT NULL,
    regel TEXT,
    text TEXT NOT NULL,
    schluessel TEXT UNIQUE,
    erledigt_um TIMESTAMPTZ,
    erstellt_um TIMESTAMPTZ NOT NULL
);

CREATE INDEX termin_benutzer ON termin (benutzer_id, faellig_am);
CREATE INDEX termin_kunde ON termin (kunde_id);

-- Persistent jobs: the worker takes due rows (e.g. "derive the Wiedervorlagen of case N").
CREATE TABLE job (
    id INTEGER NOT NULL PRIMARY KEY,
    art TEXT NOT NULL,
    kunde_id BIGINT,
    faellig_um TIMESTAMPTZ NOT NULL,
    versuche BIGINT NOT NULL,
    letzter_fehler TEXT,
    erstellt_um TIMESTAMPTZ NOT NULL
);

CREATE INDEX job_faellig ON job (faellig_um);

-- D2: every change to a case, who/when/what, before → after (JSON), in the same transaction.
CREATE TABLE verlauf (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    benutzer_id BIGINT NOT NULL REFERENCES benutzer (id),
    zeitpunkt TIMESTAMPTZ NOT NULL,
    entitaet TEXT NOT NULL,
    entitaet_id BIGINT,
    aktion TEXT NOT NULL,
    vorher TEXT,
    nachher TEXT
);

CREATE INDEX verlauf_kunde ON verlauf (kunde_id, id);

-- D2/V3: the Verlauf, Vermerke and their addenda are never changed or deleted.

CREATE TRIGGER verlauf_kein_update BEFORE UPDATE ON verlauf
BEGIN
    SELECT RAISE(ABORT, 'Der Verlauf ist unveränderlich (D2)');
END;

CREATE TRIGGER verlauf_kein_loeschen BEFORE DELETE ON verlauf
BEGIN
    SELECT RAISE(ABORT, 'Der Verlauf ist unveränderlich (D2)');
END;

CREATE TRIGGER vermerk_kein_update BEFORE UPDATE ON vermerk
BEGIN
    SELECT RAISE(ABORT, 'Beratungsvermerke sind unveränderlich; Korrekturen als Nachtrag (V3)');
END;

CREATE TRIGGER vermerk_kein_loeschen BEFORE DELETE ON vermerk
BEGIN
    SELECT RAISE(ABORT, 'Beratungsvermerke sind unveränderlich; Korrekturen als Nachtrag (V3)');
END;

CREATE TRIGGER nachtrag_kein_update BEFORE UPDATE ON nachtrag
BEGIN
    SELECT RAISE(ABORT, 'Nachträge sind unveränderlich (V3)');
END;

CREATE TRIGGER nachtrag_kein_loeschen BEFORE DELETE ON nachtrag
BEGIN
    SELECT RAISE(ABORT, 'Nachträge sind unveränderlich (V3)');
END;
