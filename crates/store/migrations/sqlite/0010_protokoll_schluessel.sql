-- Issue 17/4: the access log's chain is keyed (HMAC-SHA256, the key in a file outside the
-- database). Rows before the switch position keep their plain SHA-256; every row from
-- `hmac_ab` on is keyed. Set to the next row now, so what is written from here on is keyed.
-- Anchors outside the database pin this position (moving it is detected).
ALTER TABLE protokoll_kopf ADD COLUMN hmac_ab BIGINT NOT NULL DEFAULT 1;

UPDATE protokoll_kopf SET hmac_ab = zaehler + 1 WHERE id = 1;
