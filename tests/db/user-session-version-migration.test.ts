// The user_session_version migration (SQLite and PostgreSQL): users get sessionVersion, and users
// that existed before it start at 0 (sessions from before it carry no version, read as 0: they keep
// working until the next password change). The migration's SQL is run as written on a User table
// without the column.
import { describe, expect, it } from "vitest";
import { TEST_DATABASES, useFreshDatabase } from "../helpers/db";
import { migrationStatements } from "../helpers/migrations";

describe.each(TEST_DATABASES)("user_session_version migration (%s)", (kind) => {
  const database = useFreshDatabase(kind);

  it("adds sessionVersion, 0 for existing users and the default for new ones", async () => {
    const db = database.db;
    // The table as it was before the migration, with a user in it.
    await db.$executeRawUnsafe('ALTER TABLE "User" DROP COLUMN "sessionVersion"');
    const now = new Date();
    await db.$executeRaw`INSERT INTO "User" ("id", "email", "passwordHash", "role", "disabled", "createdAt", "updatedAt")
      VALUES (${"old"}, ${"old@example.com"}, ${"x"}, ${"admin"}, ${false}, ${now}, ${now})`;

    for (const statement of await migrationStatements(kind, "user_session_version")) await db.$executeRawUnsafe(statement);

    await db.user.create({ data: { id: "new", email: "new@example.com", passwordHash: "x" } });
    const rows = await db.user.findMany({ select: { id: true, sessionVersion: true }, orderBy: { id: "asc" } });
    expect(rows).toEqual([
      { id: "new", sessionVersion: 0 },
      { id: "old", sessionVersion: 0 },
    ]);
  });
});
