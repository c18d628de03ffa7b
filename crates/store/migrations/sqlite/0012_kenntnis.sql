-- D1 break-the-glass: a VFK opens a case outside her caseload, team and stand-ins after stating a
-- reason; the grant opens the case file for reading to her alone until `gueltig_bis`. Listed for
-- the Datenschutz with the reads made under it.
CREATE TABLE ausnahmezugriff (
    id INTEGER NOT NULL PRIMARY KEY,
    dienststelle_id BIGINT NOT NULL REFERENCES dienststelle (id),
    benutzer_id BIGINT NOT NULL REFERENCES benutzer (id),
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    grund TEXT NOT NULL
        CHECK (grund IN ('vorsprache_ohne_termin', 'vertretung_nicht_eingetragen', 'anruf_des_kunden', 'sonstiges')),
    erlaeuterung TEXT,
    erstellt_um TIMESTAMPTZ NOT NULL,
    gueltig_bis TIMESTAMPTZ NOT NULL
);

CREATE INDEX ausnahmezugriff_fall ON ausnahmezugriff (kunde_id, benutzer_id, gueltig_bis);
CREATE INDEX ausnahmezugriff_dienststelle ON ausnahmezugriff (dienststelle_id, erstellt_um);

-- D3: every list and search of customers (names, birth dates): who searched what, how many hits.
CREATE TABLE suchprotokoll (
    id INTEGER NOT NULL PRIMARY KEY,
    dienststelle_id BIGINT NOT NULL REFERENCES dienststelle (id),
    benutzer_id BIGINT NOT NULL REFERENCES benutzer (id),
    zeitpunkt TIMESTAMPTZ NOT NULL,
    suche TEXT,
    nur_eigene BOOLEAN NOT NULL,
    treffer BIGINT NOT NULL
);

CREATE INDEX suchprotokoll_dienststelle ON suchprotokoll (dienststelle_id, zeitpunkt);
