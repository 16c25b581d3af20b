-- The seed a session's exercise parameters (names, passwords, ports) were drawn from.
ALTER TABLE sessions ADD COLUMN seed TEXT;
