-- Issue 17/6: retention, deletion and restriction (§ 84 SGB X, Art. 17/18 GDPR). The periods are
-- configuration (vierphasen_domain::aufbewahrung); `vierphasen retention run` deletes what is due.

-- A legal hold (Widerspruch, Klage, Erstattung …): nothing of the case is deleted while it is set;
-- what is due is restricted instead.
CREATE TABLE aufbewahrungsanordnung (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    grund TEXT NOT NULL
        CHECK (grund IN ('widerspruchsverfahren', 'klageverfahren', 'erstattungsverfahren', 'strafverfahren', 'sonstiges')),
    aktenzeichen TEXT,
    angeordnet_von BIGINT NOT NULL REFERENCES benutzer (id),
    angeordnet_um TIMESTAMPTZ NOT NULL,
    aufgehoben_von BIGINT REFERENCES benutzer (id),
    aufgehoben_um TIMESTAMPTZ
);

CREATE INDEX aufbewahrungsanordnung_kunde ON aufbewahrungsanordnung (kunde_id);

-- Art. 17 requests. No foreign key on purpose: the request and when it was carried out outlive
-- the case (accountability, Art. 5(2) GDPR); `kunde_id` is then a bare number.
CREATE TABLE loeschantrag (
    id INTEGER NOT NULL PRIMARY KEY,
    dienststelle_id BIGINT NOT NULL REFERENCES dienststelle (id),
    kunde_id BIGINT NOT NULL,
    eingegangen_am DATE NOT NULL,
    erfasst_von BIGINT NOT NULL REFERENCES benutzer (id),
    erfasst_um TIMESTAMPTZ NOT NULL,
    -- When the run deleted the case completely.
    erledigt_um TIMESTAMPTZ
);

CREATE INDEX loeschantrag_kunde ON loeschantrag (kunde_id);

-- Art. 18: processing restricted since (set and cleared by the run).
ALTER TABLE kunde ADD COLUMN eingeschraenkt_seit DATE;

-- Every run of `vierphasen retention run` with its report (counts only, no personal data).
CREATE TABLE loeschlauf (
    id INTEGER NOT NULL PRIMARY KEY,
    stichtag DATE NOT NULL,
    begonnen_um TIMESTAMPTZ NOT NULL,
    beendet_um TIMESTAMPTZ NOT NULL,
    bericht TEXT NOT NULL
);

-- What a run deleted of a case that is still there: per category, for which deregistration (a
-- case registered and deregistered again has its periods anew).
CREATE TABLE kategorie_geloescht (
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    kategorie TEXT NOT NULL,
    abgemeldet_am DATE NOT NULL,
    geloescht_am DATE NOT NULL,
    PRIMARY KEY (kunde_id, kategorie)
);

-- The cases and categories a run deletes in one transaction (filled and emptied inside it).
CREATE TABLE loeschziel (
    kunde_id BIGINT NOT NULL,
    kategorie TEXT NOT NULL,
    PRIMARY KEY (kategorie, kunde_id)
);

-- A row here exists only inside a run's transaction: the triggers below let the Verlauf, the
-- Vermerke and the access log be deleted then, and never otherwise.
CREATE TABLE loeschfreigabe (
    id BIGINT NOT NULL PRIMARY KEY
);

-- The access log after its oldest rows were deleted: the chain begins at `beginn_ab`, whose
-- predecessor hash is `beginn_vorgaenger`; `beginn_mac` (HMAC with the log key over both) shows
-- that a run with the key cut it there.
ALTER TABLE protokoll_kopf ADD COLUMN beginn_ab BIGINT NOT NULL DEFAULT 1;
ALTER TABLE protokoll_kopf ADD COLUMN beginn_vorgaenger TEXT NOT NULL
    DEFAULT '0000000000000000000000000000000000000000000000000000000000000000';
ALTER TABLE protokoll_kopf ADD COLUMN beginn_mac TEXT;

-- F3 state and FK checks when a case is deleted.
CREATE INDEX treffer_gesehen_kunde ON treffer_gesehen (kunde_id);

DROP TRIGGER verlauf_kein_loeschen;
CREATE TRIGGER verlauf_kein_loeschen BEFORE DELETE ON verlauf
WHEN NOT EXISTS (SELECT 1 FROM loeschfreigabe)
BEGIN
    SELECT RAISE(ABORT, 'Der Verlauf ist unveränderlich (D2)');
END;

DROP TRIGGER vermerk_kein_loeschen;
CREATE TRIGGER vermerk_kein_loeschen BEFORE DELETE ON vermerk
WHEN NOT EXISTS (SELECT 1 FROM loeschfreigabe)
BEGIN
    SELECT RAISE(ABORT, 'Beratungsvermerke sind unveränderlich; Korrekturen als Nachtrag (V3)');
END;

DROP TRIGGER nachtrag_kein_loeschen;
CREATE TRIGGER nachtrag_kein_loeschen BEFORE DELETE ON nachtrag
WHEN NOT EXISTS (SELECT 1 FROM loeschfreigabe)
BEGIN
    SELECT RAISE(ABORT, 'Nachträge sind unveränderlich (V3)');
END;

DROP TRIGGER zugriffsprotokoll_kein_loeschen;
CREATE TRIGGER zugriffsprotokoll_kein_loeschen BEFORE DELETE ON zugriffsprotokoll
WHEN NOT EXISTS (SELECT 1 FROM loeschfreigabe)
BEGIN
    SELECT RAISE(ABORT, 'Zugriffsprotokoll ist unveränderlich (D3)');
END;
