-- §8.4 Matching: Stellenangebote, Vermittlungsvorschläge, what a Bewerberprofil needs beyond the
-- Fallakte, and when a VFK last looked at a customer's matches (F3).

-- Imported (BA job-details JSON, CSV) or entered postings; `refnr` makes re-imports idempotent.
CREATE TABLE stellenangebot (
    id INTEGER NOT NULL PRIMARY KEY,
    refnr TEXT NOT NULL UNIQUE,
    -- KldB 2010, five digits.
    beruf TEXT NOT NULL,
    plz TEXT,
    veroeffentlicht DATE NOT NULL,
    ablauf DATE NOT NULL,
    quelle TEXT NOT NULL CHECK (quelle IN ('import', 'erfasst')),
    -- The whole posting as JSON (title, employer, place, working time, skills, dates, text).
    inhalt TEXT NOT NULL,
    erstellt_um TIMESTAMPTZ NOT NULL,
    geaendert_um TIMESTAMPTZ NOT NULL
);

CREATE INDEX stellenangebot_ablauf ON stellenangebot (ablauf);

-- A match turned into a proposal to the customer, with its lifecycle and the employer's feedback.
CREATE TABLE vermittlungsvorschlag (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    stellenangebot_id BIGINT NOT NULL REFERENCES stellenangebot (id),
    status TEXT NOT NULL CHECK (status IN ('vorgeschlagen', 'beworben', 'vorstellungsgespraech', 'eingestellt', 'abgelehnt')),
    ablehnungsgrund TEXT,
    rueckmeldung TEXT,
    punkte BIGINT NOT NULL,
    erstellt_von BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_um TIMESTAMPTZ NOT NULL,
    geaendert_um TIMESTAMPTZ NOT NULL,
    UNIQUE (kunde_id, stellenangebot_id)
);

CREATE INDEX vermittlungsvorschlag_stelle ON vermittlungsvorschlag (stellenangebot_id);

-- The Bewerberprofil's facts the Fallakte does not hold (§8.4).
ALTER TABLE kunde ADD COLUMN arbeitszeit TEXT;
ALTER TABLE kunde ADD COLUMN verfuegbar_ab DATE;
ALTER TABLE kunde ADD COLUMN umkreis_km BIGINT;

-- F3: the last time a user looked at a customer's matches ("neue passende Stellen" since then).
CREATE TABLE treffer_gesehen (
    benutzer_id BIGINT NOT NULL REFERENCES benutzer (id),
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    gesehen_um TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (benutzer_id, kunde_id)
);
