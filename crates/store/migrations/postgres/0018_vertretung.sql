-- Issue 13/6: a stand-in for a period (a VFK or her Teamleitung enters it). Without dates (as
-- entered before) it holds until it is ended.
ALTER TABLE vertretung ADD COLUMN von DATE;
ALTER TABLE vertretung ADD COLUMN bis DATE;
