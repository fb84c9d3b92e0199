-- CreateIndex
CREATE INDEX "DatasetItem_sourceTraceId_idx" ON "DatasetItem"("sourceTraceId");

-- CreateIndex
CREATE INDEX "Score_datasetItemId_idx" ON "Score"("datasetItemId");
