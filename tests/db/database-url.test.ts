// DATABASE_URL checks shared by `npm run db:migrate`, boot and getDb() (checkDatabaseUrl), the
// search_path that carries `?schema=` to raw SQL, and the migrations folder the migrate log names.
import { describe, expect, it } from "vitest";
import { checkDatabaseUrl, postgresConnectionConfig, redactDatabaseUrl } from "@/lib/db/database-url.mjs";
import { mayCreateDatabase } from "@/scripts/lib/ensure-database.mjs";
import { migrationsFolderRewrite } from "@/scripts/migrate.mjs";

describe("checkDatabaseUrl", () => {
  it("accepts SQLite files and PostgreSQL URLs that name a database", () => {
    expect(checkDatabaseUrl("file:./data/gatehouse.db")).toEqual({ provider: "sqlite" });
    expect(checkDatabaseUrl("postgresql://u:p@db:5432/gatehouse")).toEqual({ provider: "postgresql", database: "gatehouse", schema: undefined });
    expect(checkDatabaseUrl("postgres://u@db/gate%20house?schema=gh2&sslmode=require")).toEqual({ provider: "postgresql", database: "gate house", schema: "gh2" });
  });

  it.each(["postgresql://postgres@127.0.0.1:5432/", "postgresql://postgres@127.0.0.1:5432", "postgres://u:secret@db/?schema=gh2"])(
    "refuses a PostgreSQL URL without a database name (%s) with one line, password hidden",
    (url) => {
      const error = (() => {
        try {
          checkDatabaseUrl(url);
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error?.name).toBe("DatabaseUrlError");
      expect(error?.message).toMatch(/^DATABASE_URL \S+ names no database: add one after the host, e\.g\. postgresql:\/\/user:password@host:5432\/gatehouse/);
      expect(error?.message).not.toContain("\n");
      expect(error?.message).not.toContain("secret");
    },
  );

  it("refuses other schemes and a ?schema= that is not a plain identifier", () => {
    expect(() => checkDatabaseUrl("mysql://db/x")).toThrow(/Unsupported DATABASE_URL scheme "mysql:"/);
    expect(() => checkDatabaseUrl('postgresql://db/x?schema=a"b')).toThrow(/\?schema=a"b is not a plain PostgreSQL identifier/);
    expect(() => checkDatabaseUrl("postgresql://db/x?schema=1abc")).toThrow(/not a plain PostgreSQL identifier/);
  });

  it("redacts passwords", () => {
    expect(redactDatabaseUrl("postgresql://u:hunter2@db/x")).toBe("postgresql://u:***@db/x");
  });
});

describe("postgresConnectionConfig", () => {
  it("turns ?schema= into the session's search_path and leaves other URLs as they are", () => {
    expect(postgresConnectionConfig("postgresql://u@db/x")).toEqual({ connectionString: "postgresql://u@db/x" });
    expect(postgresConnectionConfig("postgresql://u@db/x?schema=Gh2&sslmode=disable")).toEqual({
      connectionString: "postgresql://u@db/x?sslmode=disable",
      options: '-c search_path="Gh2"',
    });
  });
});

describe("migrate helpers", () => {
  it("the migrate log names the PostgreSQL migrations folder it uses", () => {
    expect(migrationsFolderRewrite("postgresql")("8 migrations found in prisma/migrations\n")).toBe("8 migrations found in prisma/postgres/migrations\n");
    expect(migrationsFolderRewrite("postgresql")("No migration found in prisma/migrations\n")).toBe("No migration found in prisma/postgres/migrations\n");
    expect(migrationsFolderRewrite("sqlite")("8 migrations found in prisma/migrations\n")).toBe("8 migrations found in prisma/migrations\n");
  });

  it("GATEHOUSE_CREATE_DATABASE=0 turns automatic creation off; unset keeps it on", () => {
    expect(mayCreateDatabase({})).toBe(true);
    expect(mayCreateDatabase({ GATEHOUSE_CREATE_DATABASE: "1" })).toBe(true);
    for (const off of ["0", "false", "no", "OFF"]) expect(mayCreateDatabase({ GATEHOUSE_CREATE_DATABASE: off })).toBe(false);
  });
});
