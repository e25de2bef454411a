-- An election entered for comparison (a historic import, docs/historic-import.md) is never the one the public pages,
-- the voter register and accreditation take by default (Elections.current): importing the 2018 results on a live
-- installation must not turn its pages, its vote-abroad form and its lists to 2018.
ALTER TABLE election ADD COLUMN historic boolean NOT NULL DEFAULT false;
-- Elections imported before this column existed: the import's audit event names them.
UPDATE election SET historic = true
WHERE id IN (SELECT substring(subject FROM 10)::bigint FROM audit_event
             WHERE type = 'results.historic-imported' AND subject ~ '^election:[0-9]+$');
