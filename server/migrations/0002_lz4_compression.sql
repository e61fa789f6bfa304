-- The large jsonb values (an inspection as submitted, a decision's trace, outcome and history) are
-- compressed with lz4 instead of pglz when a row outgrows a page quarter: several times cheaper to
-- compress, so that a register of 100,000 rows spends its time deciding, not compressing.
ALTER TABLE inspections ALTER COLUMN record SET COMPRESSION lz4;
ALTER TABLE decisions ALTER COLUMN trace SET COMPRESSION lz4;
ALTER TABLE decisions ALTER COLUMN outcome SET COMPRESSION lz4;
ALTER TABLE decisions ALTER COLUMN history SET COMPRESSION lz4;
