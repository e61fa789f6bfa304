-- fenlei 分类监管工作信息管理系统（第五条）: the schema. The invariants live here, in constraints and
-- triggers, not in application code: a unique credit code, inspections and events that cannot be
-- changed, the filing state machine (第十二条 备案), decisions locked once their filing is accepted.

-- Administrative divisions (GB/T 2260): 6 digits; 000000 is the whole country.
CREATE TABLE regions (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name text NOT NULL,
  parent text REFERENCES regions (code)
);
INSERT INTO regions (code, name) VALUES ('000000', '全国');

-- The prefix a region's descendants share: 330000 → 33, 330100 → 3301, 330110 → 330110.
CREATE FUNCTION fenlei_region_prefix(code text) RETURNS text IMMUTABLE LANGUAGE sql AS $$
  SELECT CASE WHEN code = '000000' THEN ''
              WHEN right(code, 4) = '0000' THEN left(code, 2)
              WHEN right(code, 2) = '00' THEN left(code, 4)
              ELSE code END
$$;

-- Whether a region lies in a user's scope (a list of regions): the one access rule, in SQL.
CREATE FUNCTION fenlei_in_scope(region text, scope text[]) RETURNS boolean IMMUTABLE LANGUAGE sql AS $$
  SELECT EXISTS (SELECT 1 FROM unnest(scope) s WHERE region LIKE fenlei_region_prefix(s) || '%')
$$;

CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  login text NOT NULL UNIQUE CHECK (login <> ''),
  display_name text NOT NULL DEFAULT '',
  role text NOT NULL CHECK (role IN ('province', 'county', 'readonly')),
  regions text[] NOT NULL CHECK (cardinality(regions) > 0),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Only hashes of session and API tokens are kept: a copy of the database opens no session.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE api_tokens (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- Every write: who, when, what, before and after.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id integer REFERENCES users (id),
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb
);

CREATE TABLE enterprises (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  credit_code text UNIQUE CHECK (credit_code ~ '^[0-9A-Z]{18}$'),
  name text NOT NULL CHECK (name <> ''),
  region text NOT NULL REFERENCES regions (code),
  products jsonb NOT NULL DEFAULT '[]',
  facts jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- An enterprise without a credit code is known by its name within its region.
CREATE UNIQUE INDEX enterprises_name_without_code ON enterprises (region, name) WHERE credit_code IS NULL;
CREATE INDEX enterprises_region ON enterprises (region text_pattern_ops);
CREATE INDEX enterprises_name ON enterprises (name text_pattern_ops);

-- A register file taken in: the same bytes are taken once.
CREATE TABLE uploads (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_hash text NOT NULL UNIQUE,
  file_name text NOT NULL,
  uploaded_by integer NOT NULL REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  summary jsonb NOT NULL DEFAULT '{}'
);

-- An inspection exactly as submitted. One per enterprise and day.
CREATE TABLE inspections (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise_id integer NOT NULL REFERENCES enterprises (id),
  inspection_date date NOT NULL,
  record jsonb NOT NULL,
  submitted_by integer NOT NULL REFERENCES users (id),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  upload_id integer REFERENCES uploads (id),
  file_hash text,
  source_row integer,
  UNIQUE (enterprise_id, inspection_date)
);

-- Sampling results (with their level), penalties, exposures, refusals (第十一条, 第二十一条).
CREATE TABLE events (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise_id integer NOT NULL REFERENCES enterprises (id),
  kind text NOT NULL CHECK (kind <> ''),
  event_date date NOT NULL,
  level text CHECK (level IN ('national', 'provincial', 'municipal', 'county')),
  note text NOT NULL DEFAULT '',
  recorded_by integer NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX events_once ON events (enterprise_id, kind, event_date, coalesce(level, ''));

-- Rule versions (实施细则, national rules) as published: the YAML text and what check and verify said.
CREATE TABLE rule_versions (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region text NOT NULL REFERENCES regions (code),
  name text NOT NULL,
  version text NOT NULL,
  -- NULL: the rules state no start (the national baseline: 第二十五条's date is not in the text).
  effective date,
  expires date CHECK (expires IS NULL OR expires > effective),
  yaml text NOT NULL,
  check_result jsonb NOT NULL,
  verify_result jsonb,
  -- NULL: the bundled national rules, installed by the system at first start.
  published_by integer REFERENCES users (id),
  published_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region, version)
);

-- Product catalogues (重点工业产品质量监督目录, 第二十条; D6′): dated data kept apart from the rules,
-- each a catalogue file as published. Rule files name them by file name (产品目录).
CREATE TABLE catalogues (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region text NOT NULL REFERENCES regions (code),
  file_name text NOT NULL UNIQUE CHECK (file_name ~ '^[^/\\]+\.ya?ml$'),
  name text NOT NULL,
  version text NOT NULL,
  effective date NOT NULL,
  expires date CHECK (expires IS NULL OR expires > effective),
  yaml text NOT NULL,
  -- NULL: loaded by the system (the demo's illustrative catalogues).
  published_by integer REFERENCES users (id),
  published_at timestamptz NOT NULL DEFAULT now()
);

-- A decision: from an inspection, or from a trigger event between reviews (D11).
CREATE TABLE decisions (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise_id integer NOT NULL REFERENCES enterprises (id),
  kind text NOT NULL CHECK (kind IN ('inspection', 'event')),
  inspection_id integer UNIQUE REFERENCES inspections (id),
  event_id integer REFERENCES events (id),
  decided_on date NOT NULL,
  is_review boolean NOT NULL,
  in_scope boolean NOT NULL,
  assessed_class text CHECK (assessed_class IN ('AA', 'A', 'B', 'C')),
  class text CHECK (class IN ('AA', 'A', 'B', 'C')),
  mode text,
  risk_level text,
  measures jsonb NOT NULL,
  trace jsonb NOT NULL,
  outcome jsonb NOT NULL,
  history jsonb NOT NULL,
  rule_version_id integer NOT NULL REFERENCES rule_versions (id),
  -- The catalogue versions in force on the date, as the decision names them (第二十条).
  catalogues jsonb NOT NULL DEFAULT '[]',
  locked boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'inspection') = (inspection_id IS NOT NULL)),
  CHECK ((kind = 'event') = (event_id IS NOT NULL)),
  CHECK (in_scope = (class IS NOT NULL))
);
CREATE INDEX decisions_enterprise ON decisions (enterprise_id, decided_on, id);

-- 备案 (第十二条): a county's decisions of a period, filed with the province.
CREATE TABLE filings (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region text NOT NULL REFERENCES regions (code),
  period_start date NOT NULL,
  period_end date NOT NULL CHECK (period_end >= period_start),
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned', 'accepted')),
  comment text NOT NULL DEFAULT '',
  created_by integer NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region, period_start, period_end)
);

CREATE TABLE filing_decisions (
  filing_id integer NOT NULL REFERENCES filings (id),
  decision_id integer NOT NULL REFERENCES decisions (id),
  PRIMARY KEY (filing_id, decision_id)
);

-- Each step of a filing, with the province's comment when it returns one.
CREATE TABLE filing_steps (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  filing_id integer NOT NULL REFERENCES filings (id),
  state text NOT NULL,
  comment text NOT NULL DEFAULT '',
  by_user integer NOT NULL REFERENCES users (id),
  at timestamptz NOT NULL DEFAULT now()
);

-- Rows that are facts once written: refuse UPDATE and DELETE.
CREATE FUNCTION fenlei_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% 的记录不可修改或删除 / % rows cannot be changed or deleted', TG_TABLE_NAME, TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER inspections_immutable BEFORE UPDATE OR DELETE ON inspections FOR EACH ROW EXECUTE FUNCTION fenlei_immutable();
CREATE TRIGGER events_immutable BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION fenlei_immutable();
CREATE TRIGGER rule_versions_immutable BEFORE UPDATE OR DELETE ON rule_versions FOR EACH ROW EXECUTE FUNCTION fenlei_immutable();
CREATE TRIGGER catalogues_immutable BEFORE UPDATE OR DELETE ON catalogues FOR EACH ROW EXECUTE FUNCTION fenlei_immutable();
-- An upload's summary is written once, when its transaction has taken every row; nothing else changes.
CREATE FUNCTION fenlei_upload_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.summary <> '{}'::jsonb OR (to_jsonb(NEW) - 'summary') IS DISTINCT FROM (to_jsonb(OLD) - 'summary') THEN
    RAISE EXCEPTION '上传记录不可修改或删除 / uploads cannot be changed or deleted' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER uploads_guard BEFORE UPDATE OR DELETE ON uploads FOR EACH ROW EXECUTE FUNCTION fenlei_upload_guard();
CREATE TRIGGER audit_immutable BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION fenlei_immutable();
CREATE TRIGGER filing_steps_immutable BEFORE UPDATE OR DELETE ON filing_steps FOR EACH ROW EXECUTE FUNCTION fenlei_immutable();

-- A decision never changes, except that it becomes locked (once) when its filing is accepted.
CREATE FUNCTION fenlei_decision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '判定不可删除 / decisions cannot be deleted' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.locked THEN
    RAISE EXCEPTION '判定 % 已随备案接收而锁定 / decision % is locked by an accepted filing', OLD.id, OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF (to_jsonb(NEW) - 'locked') IS DISTINCT FROM (to_jsonb(OLD) - 'locked') OR NOT NEW.locked THEN
    RAISE EXCEPTION '判定不可修改 / decisions cannot be changed' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER decisions_guard BEFORE UPDATE OR DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION fenlei_decision_guard();

-- 备案 state machine: draft → submitted → returned → submitted … → accepted (final).
CREATE FUNCTION fenlei_filing_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.state <> 'draft' THEN
      RAISE EXCEPTION '已报送的备案不可删除 / a submitted filing cannot be deleted' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF NEW.region <> OLD.region OR NEW.period_start <> OLD.period_start OR NEW.period_end <> OLD.period_end OR NEW.created_by <> OLD.created_by THEN
    RAISE EXCEPTION '备案的地区和期间不可修改 / a filing''s region and period cannot change' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.state IS DISTINCT FROM OLD.state AND NOT (
       (OLD.state = 'draft' AND NEW.state = 'submitted')
    OR (OLD.state = 'submitted' AND NEW.state IN ('returned', 'accepted'))
    OR (OLD.state = 'returned' AND NEW.state = 'submitted')) THEN
    RAISE EXCEPTION '备案不能从 % 变为 % / a filing cannot go from % to %', OLD.state, NEW.state, OLD.state, NEW.state
      USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.state = 'accepted' THEN
    RAISE EXCEPTION '备案已接收，不可修改 / an accepted filing cannot change' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.state = 'returned' AND btrim(NEW.comment) = '' THEN
    RAISE EXCEPTION '退回备案须写明意见 / returning a filing needs a comment' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER filings_guard BEFORE UPDATE OR DELETE ON filings FOR EACH ROW EXECUTE FUNCTION fenlei_filing_guard();

-- Accepting a filing locks its decisions.
CREATE FUNCTION fenlei_filing_accepted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE decisions SET locked = true
   WHERE id IN (SELECT decision_id FROM filing_decisions WHERE filing_id = NEW.id) AND NOT locked;
  RETURN NEW;
END $$;
CREATE TRIGGER filings_accepted AFTER UPDATE OF state ON filings FOR EACH ROW WHEN (NEW.state = 'accepted') EXECUTE FUNCTION fenlei_filing_accepted();

-- What a filing contains changes only while the county is assembling it (draft, or returned).
CREATE FUNCTION fenlei_filing_contents_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  f integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.filing_id ELSE NEW.filing_id END;
  s text;
BEGIN
  SELECT state INTO s FROM filings WHERE id = f;
  IF s NOT IN ('draft', 'returned') THEN
    RAISE EXCEPTION '备案 % 为 % 状态，内容不可修改 / filing % is %, its contents cannot change', f, s, f, s
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER filing_decisions_guard BEFORE INSERT OR UPDATE OR DELETE ON filing_decisions FOR EACH ROW EXECUTE FUNCTION fenlei_filing_contents_guard();
