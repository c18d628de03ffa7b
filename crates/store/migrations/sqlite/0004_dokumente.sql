-- E5/V3: documents as they were handed over. When an Eingliederungsvereinbarung (or
-- Kooperationsplan) is signed or a Beratungsvermerk saved, the exact data of the document is
-- kept in the same transaction; the PDF made from it (by the worker, or at the first download)
-- is kept beside it, and every later download returns these bytes. A Nachtrag to a Vermerk
-- keeps a new row; the newest row of an entry is its document.
CREATE TABLE dokument (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    art TEXT NOT NULL CHECK (art IN ('eingliederungsvereinbarung', 'vermerk')),
    -- The id of the eingliederungsvereinbarung or vermerk row.
    bezug_id BIGINT NOT NULL,
    -- The template's file name and the JSON it is filled with.
    vorlage TEXT NOT NULL,
    daten TEXT NOT NULL,
    pdf BLOB,
    -- Hex SHA-256 of pdf (also in the Verlauf row written when the PDF is kept).
    pdf_sha256 TEXT,
    erstellt_von BIGINT NOT NULL REFERENCES benutzer (id),
    erstellt_um TIMESTAMPTZ NOT NULL,
    gesetzt_um TIMESTAMPTZ
);

CREATE INDEX dokument_bezug ON dokument (art, bezug_id);
CREATE INDEX dokument_kunde ON dokument (kunde_id);
