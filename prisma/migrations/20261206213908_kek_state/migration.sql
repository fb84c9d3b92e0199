-- CreateTable
CREATE TABLE "KekState" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kekId" TEXT,
    "writes" INTEGER NOT NULL DEFAULT 0
);

-- The one row (lib/secrets/kek-state.ts); kekId is set by the first `npm run kek:rotate`.
INSERT INTO "KekState" ("id") VALUES (1);
