-- CreateTable
CREATE TABLE "KekState" (
    "id" INTEGER NOT NULL,
    "kekId" TEXT,
    "writes" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "KekState_pkey" PRIMARY KEY ("id")
);

-- The one row (lib/secrets/kek-state.ts); kekId is set by the first `npm run kek:rotate`.
INSERT INTO "KekState" ("id") VALUES (1);
