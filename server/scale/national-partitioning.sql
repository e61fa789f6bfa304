-- 全国部署的分区方案 / The national deployment's partitioning (docs/server.md «全国规模»).
-- 5 million enterprises, 10 years of history: the large tables are partitioned by province
-- (LIST on the first two digits of the division code) and then by year (RANGE on the date).
-- A county's and a province's queries name their province, so the planner reads only its
-- partitions; a year's partitions can be archived or detached whole.
-- This file is applied by a test (test/server/scale.test.ts) to a schema of its own; a national
-- deployment applies it instead of the single-province tables of migrations/0001_schema.sql.
CREATE SCHEMA fenlei_national;
SET LOCAL search_path TO fenlei_national, public;

CREATE TABLE regions (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name text NOT NULL,
  parent text REFERENCES regions (code)
);

-- A credit code is unique across the country; a partitioned table can only enforce keys that
-- contain its partition key, so the national register of codes is a table of its own.
CREATE TABLE credit_codes (
  credit_code text PRIMARY KEY CHECK (credit_code ~ '^[0-9A-Z]{18}$'),
  province char(2) NOT NULL,
  enterprise_id bigint NOT NULL
);

CREATE TABLE enterprises (
  province char(2) NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  credit_code text,
  name text NOT NULL,
  region text NOT NULL CHECK (left(region, 2) = province),
  products jsonb NOT NULL DEFAULT '[]',
  facts jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (province, id)
) PARTITION BY LIST (province);

CREATE TABLE inspections (
  province char(2) NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  enterprise_id bigint NOT NULL,
  inspection_date date NOT NULL,
  record jsonb NOT NULL,
  submitted_by integer NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  file_hash text,
  PRIMARY KEY (province, inspection_date, id),
  UNIQUE (province, enterprise_id, inspection_date)
) PARTITION BY LIST (province);

CREATE TABLE events (
  province char(2) NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  enterprise_id bigint NOT NULL,
  kind text NOT NULL,
  event_date date NOT NULL,
  level text CHECK (level IN ('national', 'provincial', 'municipal', 'county')),
  PRIMARY KEY (province, event_date, id)
) PARTITION BY LIST (province);

CREATE TABLE decisions (
  province char(2) NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  enterprise_id bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('inspection', 'event')),
  decided_on date NOT NULL,
  is_review boolean NOT NULL,
  class text CHECK (class IN ('AA', 'A', 'B', 'C')),
  mode text,
  outcome jsonb NOT NULL,
  trace jsonb NOT NULL,
  rule_version_id integer NOT NULL,
  locked boolean NOT NULL DEFAULT false,
  PRIMARY KEY (province, decided_on, id)
) PARTITION BY LIST (province);

-- Indexes declared on the parents are created on every partition.
CREATE INDEX ON enterprises (region text_pattern_ops);
CREATE INDEX ON enterprises (name text_pattern_ops);
CREATE INDEX ON inspections (enterprise_id, inspection_date);
CREATE INDEX ON events (enterprise_id, event_date);
CREATE INDEX ON decisions (enterprise_id, decided_on DESC, id DESC);
CREATE INDEX ON decisions (enterprise_id, decided_on DESC) WHERE is_review;

-- Partitions of one province: enterprises by province; inspections, events and decisions by
-- province and then by calendar year, with a DEFAULT partition for dates outside the years made.
CREATE FUNCTION add_province(p char(2), first_year int, last_year int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t text;
  y int;
BEGIN
  EXECUTE format('CREATE TABLE enterprises_%s PARTITION OF enterprises FOR VALUES IN (%L)', p, p);
  FOREACH t IN ARRAY ARRAY['inspections', 'events', 'decisions'] LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN (%L) PARTITION BY RANGE (%I)', t || '_' || p, t, p,
      CASE t WHEN 'inspections' THEN 'inspection_date' WHEN 'events' THEN 'event_date' ELSE 'decided_on' END);
    FOR y IN first_year .. last_year LOOP
      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', t || '_' || p || '_' || y, t || '_' || p, make_date(y, 1, 1), make_date(y + 1, 1, 1));
    END LOOP;
    EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', t || '_' || p || '_other', t || '_' || p);
  END LOOP;
END $$;

-- The invariants of migrations/0001_schema.sql hold on the partitioned tables too: row triggers
-- on a partitioned table apply to all its partitions.
CREATE FUNCTION immutable_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% 的记录不可修改或删除 / % rows cannot be changed or deleted', TG_TABLE_NAME, TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER inspections_immutable BEFORE UPDATE OR DELETE ON inspections FOR EACH ROW EXECUTE FUNCTION immutable_row();
CREATE TRIGGER events_immutable BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION immutable_row();

-- A deployment makes every province's partitions, e.g. for 2016–2035:
--   SELECT fenlei_national.add_province(p, 2016, 2035) FROM unnest(ARRAY['11','12','13','14','15','21','22','23',
--     '31','32','33','34','35','36','37','41','42','43','44','45','46','50','51','52','53','54','61','62','63','64','65']) AS p;
