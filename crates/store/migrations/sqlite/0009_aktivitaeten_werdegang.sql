-- F4: activities beside the Folgegespräche (group formats, coaching); the entry as Fallakte JSON
-- in `inhalt`.
CREATE TABLE aktivitaet (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    datum DATE NOT NULL,
    art TEXT NOT NULL CHECK (art IN ('gruppenmassnahme', 'bewerbercoaching', 'selbstvermarktung', 'sonstige')),
    erstellt_von BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_um TIMESTAMPTZ NOT NULL,
    inhalt TEXT NOT NULL
);

CREATE INDEX aktivitaet_kunde ON aktivitaet (kunde_id);

-- The Werdegang of the Stärken- und Potenzialanalyse (the Fallakte's `kunde.werdegang`): one row
-- per stage; `von` is the first month as JJJJ-MM (sorts as text).
CREATE TABLE werdegang (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    von TEXT NOT NULL,
    art TEXT NOT NULL
        CHECK (art IN ('schule', 'ausbildung', 'studium', 'beschaeftigung', 'selbstaendigkeit', 'sonstiges')),
    erstellt_von BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_um TIMESTAMPTZ NOT NULL,
    inhalt TEXT NOT NULL
);

CREATE INDEX werdegang_kunde ON werdegang (kunde_id);
