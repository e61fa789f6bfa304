-- Each enterprise's latest decision of each calendar year, with the columns 第十二条's report and
-- the region map count, kept by the database as decisions are written (issue 16: the report and
-- the map at page speed with 100,000 enterprises; finding every enterprise's latest decision of
-- the period per request took 1–1.7 s). A period of whole years (the report's usual one, and the
-- pages' default) counts, for each enterprise, its row of the latest year in the period: the row
-- of a year in the period whose next year with a decision (next_year) is after the period, or none.
-- Decisions are never deleted and change only in `locked` and a bearing filled in once (0008);
-- an enterprise's name and region can change (a register's later row): all three are followed.
CREATE TABLE decision_years (
  enterprise_id integer NOT NULL REFERENCES enterprises (id),
  year integer NOT NULL,
  -- The next year after this one with a decision of the enterprise; NULL: none (yet).
  next_year integer CHECK (next_year > year),
  decision_id integer NOT NULL UNIQUE REFERENCES decisions (id),
  decided_on date NOT NULL,
  -- The enterprise's, as on its row now (the report counts by the current region and lists by name).
  region text NOT NULL,
  name text NOT NULL,
  in_scope boolean NOT NULL,
  class text,
  assessed_class text,
  mode text,
  risk_level text,
  rule_version_id integer NOT NULL,
  -- No bearing stored (a decision from before 0008): the report reads it from the record, once.
  unborn boolean NOT NULL,
  previous_class text,
  held_by_cap boolean NOT NULL,
  held_by_trigger boolean NOT NULL,
  lowered_by_trigger boolean NOT NULL,
  PRIMARY KEY (enterprise_id, year)
);

-- How the report reads a decision's bearing (0008) into the columns it counts: one place for the
-- triggers, the backfill and the report's query over any period (server/domain/report-rows.ts).
CREATE FUNCTION fenlei_bearing(b jsonb)
  RETURNS TABLE (unborn boolean, previous_class text, held_by_cap boolean, held_by_trigger boolean, lowered_by_trigger boolean)
  LANGUAGE sql IMMUTABLE AS $$
  SELECT b IS NULL, b ->> 'previousClass', coalesce((b ->> 'heldByCap')::boolean, false),
         coalesce((b ->> 'heldByTrigger')::boolean, false), coalesce((b ->> 'loweredByTrigger')::boolean, false)
$$;

-- Once per INSERT statement over the decisions it wrote (a register's thousand at a time): each
-- (enterprise, year)'s latest of them replaces the kept one if it comes after it (by date, then by
-- when it was made, as the report orders them), then the enterprises' next_year chains are redone.
CREATE FUNCTION fenlei_decision_years() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO decision_years AS y (enterprise_id, year, decision_id, decided_on, region, name, in_scope, class, assessed_class, mode, risk_level, rule_version_id,
                                   unborn, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger)
  SELECT DISTINCT ON (n.enterprise_id, extract(year FROM n.decided_on)) n.enterprise_id, extract(year FROM n.decided_on)::int, n.id, n.decided_on, e.region, e.name,
         n.in_scope, n.class, n.assessed_class, n.mode, n.risk_level, n.rule_version_id,
         b.unborn, b.previous_class, b.held_by_cap, b.held_by_trigger, b.lowered_by_trigger
    FROM new_decisions n JOIN enterprises e ON e.id = n.enterprise_id CROSS JOIN LATERAL fenlei_bearing(n.bearing) b
   ORDER BY n.enterprise_id, extract(year FROM n.decided_on), n.decided_on DESC, n.id DESC
  ON CONFLICT (enterprise_id, year) DO UPDATE SET
      decision_id = excluded.decision_id, decided_on = excluded.decided_on, region = excluded.region, name = excluded.name,
      in_scope = excluded.in_scope, class = excluded.class, assessed_class = excluded.assessed_class, mode = excluded.mode, risk_level = excluded.risk_level,
      rule_version_id = excluded.rule_version_id, unborn = excluded.unborn, previous_class = excluded.previous_class,
      held_by_cap = excluded.held_by_cap, held_by_trigger = excluded.held_by_trigger, lowered_by_trigger = excluded.lowered_by_trigger
    WHERE (excluded.decided_on, excluded.decision_id) > (y.decided_on, y.decision_id);
  UPDATE decision_years y SET next_year = z.next_year
    FROM (SELECT enterprise_id, year, lead(year) OVER (PARTITION BY enterprise_id ORDER BY year) AS next_year
            FROM decision_years WHERE enterprise_id IN (SELECT enterprise_id FROM new_decisions)) z
   WHERE y.enterprise_id = z.enterprise_id AND y.year = z.year AND y.next_year IS DISTINCT FROM z.next_year;
  RETURN NULL;
END $$;
CREATE TRIGGER decisions_years AFTER INSERT ON decisions REFERENCING NEW TABLE AS new_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION fenlei_decision_years();

-- A bearing filled in (or, in a test, taken away) on a kept decision: its row follows.
CREATE FUNCTION fenlei_decision_years_bearing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE decision_years y SET unborn = b.unborn, previous_class = b.previous_class, held_by_cap = b.held_by_cap, held_by_trigger = b.held_by_trigger, lowered_by_trigger = b.lowered_by_trigger
    FROM (SELECT n.id, f.* FROM new_decisions n CROSS JOIN LATERAL fenlei_bearing(n.bearing) f) b
   WHERE y.decision_id = b.id
     AND (y.unborn, y.previous_class, y.held_by_cap, y.held_by_trigger, y.lowered_by_trigger) IS DISTINCT FROM (b.unborn, b.previous_class, b.held_by_cap, b.held_by_trigger, b.lowered_by_trigger);
  RETURN NULL;
END $$;
CREATE TRIGGER decisions_years_bearing AFTER UPDATE ON decisions REFERENCING NEW TABLE AS new_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION fenlei_decision_years_bearing();

-- An enterprise renamed or moved to another region by a later register row.
CREATE FUNCTION fenlei_decision_years_enterprise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE decision_years SET region = NEW.region, name = NEW.name WHERE enterprise_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER enterprises_years AFTER UPDATE OF name, region ON enterprises
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.region IS DISTINCT FROM NEW.region) EXECUTE FUNCTION fenlei_decision_years_enterprise();

-- The decisions stored before this migration, by the same rule.
INSERT INTO decision_years (enterprise_id, year, next_year, decision_id, decided_on, region, name, in_scope, class, assessed_class, mode, risk_level, rule_version_id,
                            unborn, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger)
SELECT l.enterprise_id, l.year, lead(l.year) OVER (PARTITION BY l.enterprise_id ORDER BY l.year), l.id, l.decided_on, e.region, e.name,
       l.in_scope, l.class, l.assessed_class, l.mode, l.risk_level, l.rule_version_id,
       b.unborn, b.previous_class, b.held_by_cap, b.held_by_trigger, b.lowered_by_trigger
  FROM (SELECT DISTINCT ON (d.enterprise_id, extract(year FROM d.decided_on)) d.*, extract(year FROM d.decided_on)::int AS year
          FROM decisions d ORDER BY d.enterprise_id, extract(year FROM d.decided_on), d.decided_on DESC, d.id DESC) l
  JOIN enterprises e ON e.id = l.enterprise_id CROSS JOIN LATERAL fenlei_bearing(l.bearing) b;

-- The counts of decision_years by what the report groups by (year, next year, region, outcome,
-- bearing), kept by the database from the rows' changes: the report sums a few hundred of these
-- instead of grouping 100,000 rows (0.2–0.6 s on PGlite) on every request.
CREATE TABLE decision_year_counts (
  year integer NOT NULL,
  next_year integer,
  region text NOT NULL,
  in_scope boolean NOT NULL,
  class text,
  assessed_class text,
  mode text,
  risk_level text,
  rule_version_id integer NOT NULL,
  previous_class text,
  held_by_cap boolean NOT NULL,
  held_by_trigger boolean NOT NULL,
  lowered_by_trigger boolean NOT NULL,
  -- (no CHECK on n: INSERT … ON CONFLICT checks the proposed row, a negative change, before it finds the conflict)
  n integer NOT NULL
);
CREATE UNIQUE INDEX decision_year_counts_key ON decision_year_counts
  (year, next_year, region, in_scope, class, assessed_class, mode, risk_level, rule_version_id, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger) NULLS NOT DISTINCT;

-- Adds to the counts the rows a statement inserted; for an update, takes away what the rows were
-- and adds what they are, and drops the groups no row is in any more. (decision_years rows are
-- inserted and updated, never deleted.)
CREATE FUNCTION fenlei_decision_years_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO decision_year_counts AS k
  SELECT year, next_year, region, in_scope, class, assessed_class, mode, risk_level, rule_version_id, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger, count(*) FROM new_years GROUP BY year, next_year, region, in_scope, class, assessed_class, mode, risk_level, rule_version_id, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger
  ON CONFLICT (year, next_year, region, in_scope, class, assessed_class, mode, risk_level, rule_version_id, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger) DO UPDATE SET n = k.n + excluded.n;
  RETURN NULL;
END $$;
CREATE FUNCTION fenlei_decision_years_recounted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO decision_year_counts AS k
  SELECT year, next_year, region, in_scope, class, assessed_class, mode, risk_level, rule_version_id, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger, sum(d) FROM (SELECT year, next_year, region, in_scope, class, assessed_class, mode, risk_level, rule_version_id, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger, 1 AS d FROM new_years UNION ALL SELECT year, next_year, region, in_scope, class, assessed_class, mode, risk_level, rule_version_id, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger, -1 FROM old_years) c
   GROUP BY year, next_year, region, in_scope, class, assessed_class, mode, risk_level, rule_version_id, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger HAVING sum(d) <> 0
  ON CONFLICT (year, next_year, region, in_scope, class, assessed_class, mode, risk_level, rule_version_id, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger) DO UPDATE SET n = k.n + excluded.n;
  DELETE FROM decision_year_counts WHERE n = 0;
  RETURN NULL;
END $$;

-- The first of the report's lists in its order (region, name, enterprise): class C, lowered by a
-- trigger; and the decisions without a bearing.
CREATE INDEX decision_years_c ON decision_years (region, name, enterprise_id) WHERE class = 'C';
CREATE INDEX decision_years_lowered ON decision_years (region, name, enterprise_id) WHERE lowered_by_trigger;
CREATE INDEX decision_years_unborn ON decision_years (decision_id) WHERE unborn;

-- The counts of the rows stored so far; from now on the triggers keep them.
INSERT INTO decision_year_counts
SELECT year, next_year, region, in_scope, class, assessed_class, mode, risk_level, rule_version_id, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger, count(*)
  FROM decision_years
 GROUP BY year, next_year, region, in_scope, class, assessed_class, mode, risk_level, rule_version_id, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger;
CREATE TRIGGER decision_years_counted AFTER INSERT ON decision_years REFERENCING NEW TABLE AS new_years
  FOR EACH STATEMENT EXECUTE FUNCTION fenlei_decision_years_counted();
CREATE TRIGGER decision_years_recounted AFTER UPDATE ON decision_years REFERENCING OLD TABLE AS old_years NEW TABLE AS new_years
  FOR EACH STATEMENT EXECUTE FUNCTION fenlei_decision_years_recounted();
ANALYZE decision_years, decision_year_counts;
