-- Per-user session version, bumped on every password change: sessions signed in under an older
-- version are over (lib/auth/session.ts). Existing users start at 0, and sessions from before this
-- column (no version in their token) count as 0, so they keep working until the next change.
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;
