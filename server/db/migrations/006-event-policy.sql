-- Events that run themselves: a scoreboard freeze before the end, the hint policy, what
-- happens to clusters, per-learner extra time, and announcements to every participant.
ALTER TABLE events ADD COLUMN freeze_minutes INTEGER NOT NULL DEFAULT 0 CHECK (freeze_minutes >= 0);
ALTER TABLE events ADD COLUMN hints_allowed INTEGER NOT NULL DEFAULT 1 CHECK (hints_allowed IN (0, 1));
ALTER TABLE events ADD COLUMN hint_cost_multiplier REAL NOT NULL DEFAULT 1 CHECK (hint_cost_multiplier >= 0);
-- 'event-end': clusters live until the learner leaves or the event ends; 'completion': also
-- destroyed once the learner completes the exercise.
ALTER TABLE events ADD COLUMN destroy_clusters TEXT NOT NULL DEFAULT 'event-end' CHECK (destroy_clusters IN ('event-end', 'completion'));

CREATE TABLE event_extensions (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  minutes  INTEGER NOT NULL CHECK (minutes > 0),
  PRIMARY KEY (event_id, user_id)
);

CREATE TABLE announcements (
  id       INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  text     TEXT NOT NULL,
  by_user  INTEGER NOT NULL REFERENCES users(id),
  at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX announcements_event ON announcements(event_id, at);
