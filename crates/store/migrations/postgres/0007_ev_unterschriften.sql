-- E5: the signatures of customer and Fachkraft are recorded separately. An Eingliederungsvereinbarung
-- concluded before was signed by both on the day of its conclusion.
UPDATE eingliederungsvereinbarung
SET inhalt = (inhalt::jsonb || jsonb_build_object(
        'unterschrift_kunde_am', inhalt::jsonb -> 'abgeschlossen_am',
        'unterschrift_fachkraft_am', inhalt::jsonb -> 'abgeschlossen_am'))::text
WHERE inhalt::jsonb -> 'abgeschlossen_am' IS NOT NULL
  AND coalesce(inhalt::jsonb ->> 'art', 'eingliederungsvereinbarung') = 'eingliederungsvereinbarung';
