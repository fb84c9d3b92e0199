-- Which payload of a trace was cut at the size cap (payloadTruncated stays: either one).
-- Added in place (SQLite appends a column with a constant default without rewriting the table).
ALTER TABLE "Trace" ADD COLUMN "requestTruncated" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Trace" ADD COLUMN "responseTruncated" BOOLEAN NOT NULL DEFAULT false;

-- Older rows do not say which payload was cut: flag both (the page then warns on both, as before).
UPDATE "Trace" SET "requestTruncated" = true, "responseTruncated" = true WHERE "payloadTruncated" = true;
