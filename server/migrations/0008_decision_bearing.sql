-- 第二十一条's bearing on each decision (issue 16: the 第十二条 report and the region map at page
-- speed): the previous class, the trigger events since the previous review, and whether the class
-- was held by 不允许越级上升, lowered by a trigger or held by one. It is a fact of the decision,
-- read by the runtime once when the decision is written, so the report counts stored columns
-- instead of preparing every record again.
--   {"previousClass": "A" | null, "triggers": ["…"], "heldByCap": bool, "loweredByTrigger": bool, "heldByTrigger": bool}
-- Decisions stored before this migration have none (reading it needs the rules, not SQL): the
-- report computes it for them the first time it counts them and fills it in, once.
ALTER TABLE decisions ADD COLUMN bearing jsonb CHECK (bearing IS NULL OR jsonb_typeof(bearing) = 'object');

-- A decision never changes, except that it becomes locked (once) when its filing is accepted,
-- and that a bearing missing from a decision stored before 0008 is filled in (once).
CREATE OR REPLACE FUNCTION fenlei_decision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '判定不可删除 / decisions cannot be deleted' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF (to_jsonb(NEW) - 'locked' - 'bearing') IS DISTINCT FROM (to_jsonb(OLD) - 'locked' - 'bearing')
     OR (OLD.locked AND NOT NEW.locked)
     OR (OLD.bearing IS NOT NULL AND NEW.bearing IS DISTINCT FROM OLD.bearing)
     OR (NEW.locked = OLD.locked AND NEW.bearing IS NOT DISTINCT FROM OLD.bearing) THEN
    IF OLD.locked THEN
      RAISE EXCEPTION '判定 % 已随备案接收而锁定 / decision % is locked by an accepted filing', OLD.id, OLD.id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RAISE EXCEPTION '判定不可修改 / decisions cannot be changed' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
