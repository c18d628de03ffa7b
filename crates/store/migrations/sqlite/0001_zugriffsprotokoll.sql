-- D3: Zugriffsprotokoll — every read of a case file with its purpose. Append-only and
-- hash-chained. No foreign keys on purpose: the log outlives the users and customers it names.
CREATE TABLE zugriffsprotokoll (
    id BIGINT NOT NULL PRIMARY KEY,
    zeitpunkt TIMESTAMPTZ NOT NULL,
    benutzer_id BIGINT NOT NULL,
    kunde_id BIGINT NOT NULL,
    zweck TEXT NOT NULL,
    vorgaenger_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);

CREATE INDEX zugriffsprotokoll_kunde ON zugriffsprotokoll (kunde_id, zeitpunkt);

-- The head of the chain: one row, locked by every writer (UPDATE … RETURNING) so that
-- concurrent transactions append one after the other.
CREATE TABLE protokoll_kopf (
    id BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
    zaehler BIGINT NOT NULL,
    letzter_hash TEXT NOT NULL
);

INSERT INTO protokoll_kopf (id, zaehler, letzter_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER zugriffsprotokoll_kein_update BEFORE UPDATE ON zugriffsprotokoll
BEGIN
    SELECT RAISE(ABORT, 'Zugriffsprotokoll ist unveränderlich (D3)');
END;

CREATE TRIGGER zugriffsprotokoll_kein_loeschen BEFORE DELETE ON zugriffsprotokoll
BEGIN
    SELECT RAISE(ABORT, 'Zugriffsprotokoll ist unveränderlich (D3)');
END;
