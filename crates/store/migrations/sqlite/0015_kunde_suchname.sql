-- Issue 15/7: the customer search finds "Mueller" for Müller, "Cosic" for Ćosić and "Müller Inge"
-- in any word order. `suchname` holds first and last name folded for search (lower case ASCII,
-- umlauts in every spelling alike); the application fills it, for rows that exist on its next start.
ALTER TABLE kunde ADD COLUMN suchname TEXT;
