-- AlterTable
ALTER TABLE "EvaluationRunItem" ADD COLUMN "claimedBy" TEXT;
ALTER TABLE "EvaluationRunItem" ADD COLUMN "heartbeatAt" DATETIME;
