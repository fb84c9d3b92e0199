-- CreateTable
CREATE TABLE "Judge" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "template" TEXT NOT NULL,
    "outputType" TEXT NOT NULL,
    "scaleMin" DOUBLE PRECISION,
    "scaleMax" DOUBLE PRECISION,
    "categories" JSONB,
    "endpoint" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Judge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dataset" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatasetItem" (
    "id" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "inputs" JSONB NOT NULL,
    "outputs" JSONB,
    "expectations" JSONB,
    "sourceTraceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DatasetItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationRun" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "traceFilter" JSONB,
    "sampleSize" INTEGER,
    "datasetId" TEXT,
    "judges" JSONB NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "judgeCostUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "EvaluationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationRunItem" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "traceId" TEXT,
    "datasetItemId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "inputs" JSONB,
    "outputs" JSONB,
    "expectations" JSONB,
    "error" TEXT,
    "costUsd" DOUBLE PRECISION,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "EvaluationRunItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Score" (
    "id" TEXT NOT NULL,
    "traceId" TEXT,
    "runId" TEXT,
    "runItemId" TEXT,
    "ruleId" TEXT,
    "datasetItemId" TEXT,
    "judgeName" TEXT NOT NULL,
    "judgeVersion" INTEGER NOT NULL,
    "value" DOUBLE PRECISION,
    "label" TEXT,
    "rationale" TEXT,
    "error" TEXT,
    "rawText" TEXT,
    "costUsd" DOUBLE PRECISION,
    "judgeTraceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Score_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationRule" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "endpointName" TEXT NOT NULL,
    "judges" JSONB NOT NULL,
    "sampleRate" DOUBLE PRECISION NOT NULL,
    "filter" JSONB,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "pausedReason" TEXT,
    "pausedAt" TIMESTAMP(3),
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvaluationRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Judge_name_key" ON "Judge"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_name_key" ON "Dataset"("name");

-- CreateIndex
CREATE INDEX "DatasetItem_datasetId_createdAt_idx" ON "DatasetItem"("datasetId", "createdAt");

-- CreateIndex
CREATE INDEX "EvaluationRun_createdAt_idx" ON "EvaluationRun"("createdAt");

-- CreateIndex
CREATE INDEX "EvaluationRun_status_idx" ON "EvaluationRun"("status");

-- CreateIndex
CREATE INDEX "EvaluationRunItem_runId_status_idx" ON "EvaluationRunItem"("runId", "status");

-- CreateIndex
CREATE INDEX "EvaluationRunItem_traceId_idx" ON "EvaluationRunItem"("traceId");

-- CreateIndex
CREATE INDEX "EvaluationRunItem_datasetItemId_idx" ON "EvaluationRunItem"("datasetItemId");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationRunItem_runId_position_key" ON "EvaluationRunItem"("runId", "position");

-- CreateIndex
CREATE INDEX "Score_traceId_createdAt_idx" ON "Score"("traceId", "createdAt");

-- CreateIndex
CREATE INDEX "Score_judgeName_label_traceId_idx" ON "Score"("judgeName", "label", "traceId");

-- CreateIndex
CREATE INDEX "Score_runId_judgeName_idx" ON "Score"("runId", "judgeName");

-- CreateIndex
CREATE INDEX "Score_runItemId_idx" ON "Score"("runItemId");

-- CreateIndex
CREATE INDEX "Score_ruleId_createdAt_idx" ON "Score"("ruleId", "createdAt");

-- CreateIndex
CREATE INDEX "EvaluationRule_endpointId_idx" ON "EvaluationRule"("endpointId");

-- AddForeignKey
ALTER TABLE "DatasetItem" ADD CONSTRAINT "DatasetItem_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationRunItem" ADD CONSTRAINT "EvaluationRunItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "EvaluationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_runId_fkey" FOREIGN KEY ("runId") REFERENCES "EvaluationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_runItemId_fkey" FOREIGN KEY ("runItemId") REFERENCES "EvaluationRunItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "EvaluationRule"("id") ON DELETE SET NULL ON UPDATE CASCADE;
