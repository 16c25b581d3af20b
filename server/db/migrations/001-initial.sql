-- Users, events, teams, learner sessions, objective results, awards and hint reveals.
-- event_id 0 means practice outside any event (SQLite UNIQUE treats NULLs as distinct).

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('learner', 'instructor', 'admin')),
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  join_code  TEXT NOT NULL UNIQUE,
  starts_at  TEXT NOT NULL,
  ends_at    TEXT NOT NULL,
  exercises  TEXT NOT NULL DEFAULT '[]', -- JSON array of exercise names
  created_by INTEGER NOT NULL REFERENCES users(id),
  CHECK (ends_at > starts_at)
);

CREATE TABLE teams (
  id       INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  UNIQUE (event_id, name)
);

CREATE TABLE team_members (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  team_id  INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (event_id, user_id)
);

CREATE TABLE sessions (
  id         TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  event_id   INTEGER NOT NULL DEFAULT 0,
  exercise   TEXT NOT NULL,
  cluster    TEXT,
  started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ended_at   TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Every change of an objective's state, as the checker saw it (append-only).
CREATE TABLE objective_results (
  id           INTEGER PRIMARY KEY,
  session_id   TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  objective_id TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('unmet', 'met', 'regressed', 'unknown')),
  detail       TEXT NOT NULL,
  at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX objective_results_session ON objective_results(session_id, objective_id);

-- Points, once per (user, event, exercise, objective). objective '*' is the completion bonus.
CREATE TABLE awards (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  event_id   INTEGER NOT NULL DEFAULT 0,
  exercise   TEXT NOT NULL,
  objective  TEXT NOT NULL,
  points     INTEGER NOT NULL CHECK (points >= 0),
  session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
  awarded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (user_id, event_id, exercise, objective)
);
CREATE INDEX awards_event ON awards(event_id, awarded_at);

CREATE TABLE hint_reveals (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  event_id    INTEGER NOT NULL DEFAULT 0,
  exercise    TEXT NOT NULL,
  objective   TEXT NOT NULL,
  hint_index  INTEGER NOT NULL CHECK (hint_index >= 0),
  cost        INTEGER NOT NULL CHECK (cost >= 0),
  revealed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (user_id, event_id, exercise, objective, hint_index)
);
