-- Issue 15/6: an appointment has a time of day, a duration and a channel (with a room when on
-- site). Wiedervorlagen have none of these. Existing rows keep NULL: a day without a time.
ALTER TABLE termin ADD COLUMN uhrzeit TEXT CHECK (uhrzeit IS NULL OR length(uhrzeit) = 5);
ALTER TABLE termin ADD COLUMN dauer_minuten INTEGER CHECK (dauer_minuten IS NULL OR dauer_minuten BETWEEN 5 AND 480);
ALTER TABLE termin ADD COLUMN kanal TEXT CHECK (kanal IS NULL OR kanal IN ('vor_ort', 'telefon', 'video'));
ALTER TABLE termin ADD COLUMN raum TEXT;
