-- E5: the signatures of customer and Fachkraft are recorded separately. An Eingliederungsvereinbarung
-- concluded before was signed by both on the day of its conclusion.
UPDATE eingliederungsvereinbarung
SET inhalt = json_set(inhalt,
        '$.unterschrift_kunde_am', json_extract(inhalt, '$.abgeschlossen_am'),
        '$.unterschrift_fachkraft_am', json_extract(inhalt, '$.abgeschlossen_am'))
WHERE json_extract(inhalt, '$.abgeschlossen_am') IS NOT NULL
  AND coalesce(json_extract(inhalt, '$.art'), 'eingliederungsvereinbarung') = 'eingliederungsvereinbarung';
