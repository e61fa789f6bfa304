-- An upload's summary (a line per register row: some 30 MB of JSON for 100,000 rows) is written
-- once, when the upload's transaction has taken every row. The guard now compares the row before
-- and after with the summary set aside as a record (every other column, whatever columns come),
-- instead of turning both rows into jsonb (to_jsonb(NEW) copied the whole summary once more);
-- and the summary is compressed with lz4 like the other large jsonb values (0002).
ALTER TABLE uploads ALTER COLUMN summary SET COMPRESSION lz4;
CREATE OR REPLACE FUNCTION fenlei_upload_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rest uploads;
BEGIN
  IF TG_OP = 'DELETE' OR OLD.summary <> '{}'::jsonb THEN
    RAISE EXCEPTION '上传记录不可修改或删除 / uploads cannot be changed or deleted' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  rest := NEW;
  rest.summary := OLD.summary;
  IF rest IS DISTINCT FROM OLD THEN
    RAISE EXCEPTION '上传记录不可修改或删除 / uploads cannot be changed or deleted' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
