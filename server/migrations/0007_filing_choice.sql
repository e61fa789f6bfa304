-- 备案 of chosen decisions (第十二条, issue 16): a county may file the decisions it picks from a
-- period instead of every enterprise's latest one. The database holds the rules a filed decision
-- must meet, whoever inserts it: it lies in the filing's region and period, and it is not in an
-- accepted filing already (such a decision is locked).

-- A filing of chosen decisions keeps its contents when submitted again; a whole-period filing is
-- assembled afresh. Several filings of chosen decisions may share a region and period (the rest
-- of a period filed later); a whole-period filing stays one per region and period.
ALTER TABLE filings ADD COLUMN chosen boolean NOT NULL DEFAULT false;
ALTER TABLE filings DROP CONSTRAINT filings_region_period_start_period_end_key;
CREATE UNIQUE INDEX filings_whole_period ON filings (region, period_start, period_end) WHERE NOT chosen;
CREATE FUNCTION fenlei_filing_kind_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '备案是否为所选判定不可修改 / whether a filing holds chosen decisions cannot change' USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER filings_kind_fixed BEFORE UPDATE OF chosen ON filings FOR EACH ROW WHEN (NEW.chosen IS DISTINCT FROM OLD.chosen) EXECUTE FUNCTION fenlei_filing_kind_fixed();

CREATE FUNCTION fenlei_filed_decision_fits() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  f record;
  d record;
BEGIN
  SELECT region, period_start, period_end INTO f FROM filings WHERE id = NEW.filing_id;
  SELECT x.decided_on, x.locked, e.region INTO d FROM decisions x JOIN enterprises e ON e.id = x.enterprise_id WHERE x.id = NEW.decision_id;
  IF NOT fenlei_in_scope(d.region, ARRAY[f.region]) THEN
    RAISE EXCEPTION '判定 % 的企业不在备案的地区 % 内 / decision %''s enterprise is outside the filing''s region %', NEW.decision_id, f.region, NEW.decision_id, f.region
      USING ERRCODE = 'check_violation';
  END IF;
  IF d.decided_on NOT BETWEEN f.period_start AND f.period_end THEN
    RAISE EXCEPTION '判定 % 的日期 % 不在备案的期间内 / decision % of % is outside the filing''s period', NEW.decision_id, d.decided_on, NEW.decision_id, d.decided_on
      USING ERRCODE = 'check_violation';
  END IF;
  IF d.locked THEN
    RAISE EXCEPTION '判定 % 已在另一份已接收的备案中 / decision % is in an accepted filing already', NEW.decision_id, NEW.decision_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER filing_decisions_fit BEFORE INSERT OR UPDATE ON filing_decisions FOR EACH ROW EXECUTE FUNCTION fenlei_filed_decision_fits();

-- Two filings holding one decision, both submitted: the second cannot be accepted once the first is.
CREATE OR REPLACE FUNCTION fenlei_filing_accepted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  taken integer;
BEGIN
  SELECT min(fd.decision_id) INTO taken FROM filing_decisions fd JOIN decisions d ON d.id = fd.decision_id WHERE fd.filing_id = NEW.id AND d.locked;
  IF taken IS NOT NULL THEN
    RAISE EXCEPTION '判定 % 已在另一份已接收的备案中，本备案不能接收 / decision % is in another accepted filing already', taken, taken
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  UPDATE decisions SET locked = true
   WHERE id IN (SELECT decision_id FROM filing_decisions WHERE filing_id = NEW.id) AND NOT locked;
  RETURN NEW;
END $$;
