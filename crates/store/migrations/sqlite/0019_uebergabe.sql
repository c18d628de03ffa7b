-- Issue 13/5: Übergabe SGB III → SGB II (U1). The local handover standard of an Agentur and a
-- partner Jobcenter (the seed's "örtliches Schnittstellenkonzept", 2.2.1): days to the Übernahme
-- and to the Erstgespräch SGB II, and the agreed hint for the Antragsausgabe appointment.
CREATE TABLE uebergabestandard (
    agentur_id BIGINT NOT NULL REFERENCES dienststelle (id),
    jobcenter_id BIGINT NOT NULL REFERENCES dienststelle (id),
    uebernahme_tage BIGINT NOT NULL,
    erstgespraech_tage BIGINT NOT NULL,
    antragsausgabe TEXT NOT NULL,
    PRIMARY KEY (agentur_id, jobcenter_id)
);

-- A handover: the packet the Agentur sends (JSON, see app `uebergabe`), its state, and the
-- SGB II case the Jobcenter continues it in (its Erstgespräch SGB II is read from that case).
CREATE TABLE uebergabe (
    id INTEGER NOT NULL PRIMARY KEY,
    kunde_id BIGINT NOT NULL REFERENCES kunde (id),
    agentur_id BIGINT NOT NULL REFERENCES dienststelle (id),
    jobcenter_id BIGINT NOT NULL REFERENCES dienststelle (id),
    rechtskreiswechsel DATE NOT NULL,
    gesendet_von BIGINT NOT NULL REFERENCES benutzer (id),
    gesendet_um TIMESTAMPTZ NOT NULL,
    status TEXT NOT NULL,
    paket TEXT NOT NULL,
    uebernommen_von BIGINT REFERENCES benutzer (id),
    uebernommen_am DATE,
    neuer_kunde_id BIGINT REFERENCES kunde (id)
);
CREATE INDEX uebergabe_eingang ON uebergabe (jobcenter_id, status, gesendet_um);
CREATE INDEX uebergabe_ausgang ON uebergabe (agentur_id, gesendet_um);
CREATE INDEX uebergabe_kunde ON uebergabe (kunde_id);
