-- A draft's impact as a job (issue 16: the 草案影响分析 page at page speed): the POST stores the
-- draft and starts the comparison; the result page shows its progress, then the figures stored
-- here. The same draft (by its SHA-256), region, scope and assumption, on the same day and over
-- unchanged stored data, is answered by the stored result instead of being counted again.
-- "Unchanged" is data_stamp: the latest decision, rule version and catalogue ids (every stored
-- inspection, event or enterprise change comes with a new decision; decisions never change).
CREATE TABLE compare_jobs (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  draft_sha256 text NOT NULL CHECK (draft_sha256 ~ '^[0-9a-f]{64}$'),
  draft_yaml text NOT NULL,
  region text NOT NULL,
  scope text[] NOT NULL,
  assume text CHECK (assume IN ('pass', 'fail')),
  -- The day the records were decided as of (第十四条's review dates read it), and the data stamp.
  as_of date NOT NULL,
  data_stamp text NOT NULL,
  -- running: its heartbeat moves while a server counts it; a running job whose heartbeat stopped
  -- (the server stopped) is shown as interrupted and may be run again.
  state text NOT NULL CHECK (state IN ('running', 'done', 'failed', 'interrupted')),
  done integer NOT NULL DEFAULT 0,
  total integer NOT NULL DEFAULT 0,
  result jsonb,
  error jsonb,
  compute_ms integer,
  started_by integer REFERENCES users (id),
  started_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  CHECK ((state = 'done') = (result IS NOT NULL))
);
CREATE INDEX compare_jobs_key ON compare_jobs (draft_sha256, data_stamp, as_of);
