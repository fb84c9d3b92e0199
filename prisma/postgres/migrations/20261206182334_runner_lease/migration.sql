-- AlterTable
ALTER TABLE "EvaluationRunItem" ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "heartbeatAt" TIMESTAMP(3);
