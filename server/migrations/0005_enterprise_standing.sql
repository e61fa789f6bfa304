-- Each enterprise's standing on its own row, kept by the database as decisions are written: the
-- current class, mode and risk level (its latest decision, by date then by when it was made: an
-- event between reviews lowers it at once, D11) and its last review (the latest periodic review in
-- scope, 第二十一条: the review period runs from it). The pages' lists — due for review, the class
-- filter — then read one row per enterprise through an index instead of finding every
-- enterprise's latest decision per request (2–5 s at province scale with 100,000 enterprises).
-- Decisions are never changed or deleted (fenlei_decision_guard; locking a filing's decisions
-- changes neither class nor date), so inserts are the only writes to follow.
ALTER TABLE enterprises
  ADD COLUMN current_decision_id integer,
  ADD COLUMN current_decided_on date,
  ADD COLUMN current_class text CHECK (current_class IN ('AA', 'A', 'B', 'C')),
  ADD COLUMN current_mode text,
  ADD COLUMN current_risk_level text,
  ADD COLUMN review_decision_id integer,
  ADD COLUMN reviewed_on date,
  ADD COLUMN review_class text CHECK (review_class IN ('AA', 'A', 'B', 'C')),
  ADD CHECK ((current_decision_id IS NULL) = (current_decided_on IS NULL)),
  ADD CHECK ((review_decision_id IS NULL) = (reviewed_on IS NULL));

-- Whether a decision (on, id) comes after the one kept (kept_on, kept_id); none kept: it does.
CREATE FUNCTION fenlei_decided_after(d_on date, d_id integer, kept_on date, kept_id integer) RETURNS boolean IMMUTABLE LANGUAGE sql AS $$
  SELECT kept_on IS NULL OR (d_on, d_id) > (kept_on, kept_id)
$$;

-- Once per INSERT statement, over the rows it inserted (a transition table): a register's
-- decisions, written a thousand at a time, update each enterprise once per statement.
CREATE FUNCTION fenlei_enterprise_standing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE enterprises e SET
      current_decision_id = CASE WHEN fenlei_decided_after(n.decided_on, n.id, e.current_decided_on, e.current_decision_id) THEN n.id ELSE e.current_decision_id END,
      current_decided_on = CASE WHEN fenlei_decided_after(n.decided_on, n.id, e.current_decided_on, e.current_decision_id) THEN n.decided_on ELSE e.current_decided_on END,
      current_class = CASE WHEN fenlei_decided_after(n.decided_on, n.id, e.current_decided_on, e.current_decision_id) THEN n.class ELSE e.current_class END,
      current_mode = CASE WHEN fenlei_decided_after(n.decided_on, n.id, e.current_decided_on, e.current_decision_id) THEN n.mode ELSE e.current_mode END,
      current_risk_level = CASE WHEN fenlei_decided_after(n.decided_on, n.id, e.current_decided_on, e.current_decision_id) THEN n.risk_level ELSE e.current_risk_level END,
      review_decision_id = CASE WHEN r.id IS NOT NULL AND fenlei_decided_after(r.decided_on, r.id, e.reviewed_on, e.review_decision_id) THEN r.id ELSE e.review_decision_id END,
      reviewed_on = CASE WHEN r.id IS NOT NULL AND fenlei_decided_after(r.decided_on, r.id, e.reviewed_on, e.review_decision_id) THEN r.decided_on ELSE e.reviewed_on END,
      review_class = CASE WHEN r.id IS NOT NULL AND fenlei_decided_after(r.decided_on, r.id, e.reviewed_on, e.review_decision_id) THEN r.class ELSE e.review_class END
    FROM (SELECT DISTINCT ON (enterprise_id) enterprise_id, id, decided_on, class, mode, risk_level FROM new_decisions ORDER BY enterprise_id, decided_on DESC, id DESC) n
    LEFT JOIN (SELECT DISTINCT ON (enterprise_id) enterprise_id, id, decided_on, class FROM new_decisions WHERE is_review AND in_scope ORDER BY enterprise_id, decided_on DESC, id DESC) r
      ON r.enterprise_id = n.enterprise_id
   WHERE e.id = n.enterprise_id
     AND (fenlei_decided_after(n.decided_on, n.id, e.current_decided_on, e.current_decision_id)
          OR (r.id IS NOT NULL AND fenlei_decided_after(r.decided_on, r.id, e.reviewed_on, e.review_decision_id)));
  RETURN NULL;
END $$;
CREATE TRIGGER decisions_standing AFTER INSERT ON decisions REFERENCING NEW TABLE AS new_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION fenlei_enterprise_standing();

-- The decisions stored before this migration, by the same rule.
UPDATE enterprises e SET
    current_decision_id = n.id, current_decided_on = n.decided_on, current_class = n.class, current_mode = n.mode, current_risk_level = n.risk_level,
    review_decision_id = r.id, reviewed_on = r.decided_on, review_class = r.class
  FROM (SELECT DISTINCT ON (enterprise_id) enterprise_id, id, decided_on, class, mode, risk_level FROM decisions ORDER BY enterprise_id, decided_on DESC, id DESC) n
  LEFT JOIN (SELECT DISTINCT ON (enterprise_id) enterprise_id, id, decided_on, class FROM decisions WHERE is_review AND in_scope ORDER BY enterprise_id, decided_on DESC, id DESC) r
    ON r.enterprise_id = n.enterprise_id
 WHERE e.id = n.enterprise_id;

-- The enterprise search in the order the pages list (region, name, id), with and without a class:
-- a page of 50 is read off an index. enterprises_region (text_pattern_ops) served the LIKE of the
-- first scope function, which 0003 replaced; this index takes its place.
DROP INDEX enterprises_region;
CREATE INDEX enterprises_listed ON enterprises (region, name, id);
CREATE INDEX enterprises_current_class ON enterprises (current_class, region, name, id);

-- The span of region codes a scope covers (codes are 6 digits: 330100 covers 330100–330199). Not the
-- access rule (fenlei_in_scope stays that): a bound beside it that an index on region can start from.
CREATE FUNCTION fenlei_scope_low(scope text[]) RETURNS text IMMUTABLE LANGUAGE sql AS $$
  SELECT min(rpad(fenlei_region_prefix(s), 6, '0')) FROM unnest(scope) s
$$;
CREATE FUNCTION fenlei_scope_high(scope text[]) RETURNS text IMMUTABLE LANGUAGE sql AS $$
  SELECT max(rpad(fenlei_region_prefix(s), 6, '9')) FROM unnest(scope) s
$$;

-- How many enterprises each term of fenlei_in_scope matches (province, city), so that the planner
-- estimates a scope as it is (all of a province, a tenth for a county) and walks the indexes above
-- in order instead of sorting every enterprise in scope (ANALYZE gathers them; autovacuum on a server).
CREATE STATISTICS enterprises_scope_terms ON (left(region, 2) || '0000'), (left(region, 4) || '00') FROM enterprises;
ANALYZE enterprises;
-- Due for review: the oldest reviews first (the home page shows the first 20).
CREATE INDEX enterprises_reviewed_on ON enterprises (reviewed_on, id) WHERE reviewed_on IS NOT NULL;
-- Lowered by an event between reviews (D11): the event decisions only, latest first.
CREATE INDEX decisions_by_event ON decisions (decided_on DESC, id DESC) WHERE kind = 'event';
