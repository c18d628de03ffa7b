-- C1/C2: why a registration episode ended (recorded with the deregistration): arbeitsaufnahme
-- (1. Arbeitsmarkt), ausbildung, selbstaendigkeit, sonstiger_abgang.
ALTER TABLE meldung ADD COLUMN abmeldegrund TEXT
    CHECK (abmeldegrund IN ('arbeitsaufnahme', 'ausbildung', 'selbstaendigkeit', 'sonstiger_abgang'));

-- Z2: a Leistungsberechtigte(r) who works beside the benefit: beschaeftigt or selbstaendig.
ALTER TABLE kunde ADD COLUMN erwerbstaetigkeit TEXT CHECK (erwerbstaetigkeit IN ('beschaeftigt', 'selbstaendig'));
