-- The replay: every change a learner made to their cluster, as the recorder saw it
-- (server/replay/). A session keeps its FIRST entries, up to a bound (ReplayStore: 2000
-- entries or 2 MB of diffs): the start of a session is what explains the rest, and a learner
-- who floods the cluster late cannot push their fix out of the record. Later changes are
-- only counted, in replay_totals.
CREATE TABLE replay_entries (
  id          INTEGER PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  at          TEXT NOT NULL,
  verb        TEXT NOT NULL CHECK (verb IN ('create', 'update', 'delete')),
  api_version TEXT NOT NULL,
  kind        TEXT NOT NULL,
  namespace   TEXT,
  name        TEXT NOT NULL,
  manager     TEXT NOT NULL,
  diff        TEXT NOT NULL, -- JSON: ReplayDiffLine[]
  more        INTEGER NOT NULL DEFAULT 0 -- diff paths left out
);
CREATE INDEX replay_entries_session ON replay_entries(session_id, at);

-- Per session: entries kept, bytes of their diffs (what the bound counts), entries dropped.
CREATE TABLE replay_totals (
  session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  kept       INTEGER NOT NULL DEFAULT 0,
  bytes      INTEGER NOT NULL DEFAULT 0,
  dropped    INTEGER NOT NULL DEFAULT 0
);
