-- An admin can disable an account: it cannot sign in and its sessions end.
ALTER TABLE users ADD COLUMN disabled_at TEXT;
