-- Per-user session version, bumped on every password change: sessions signed in under an older
-- version are over (lib/auth/session.ts). Existing users start at 0, and sessions from before this
-- column (no version in their token) count as 0, so they keep working until the next change.
-- Added in place (SQLite appends a column with a constant default without rewriting the table).
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
