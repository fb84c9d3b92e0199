-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamMember" (
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamMember_pkey" PRIMARY KEY ("teamId","userId")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "teamId" TEXT,
    "createdById" TEXT,
    "endpoints" JSONB,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Secret" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "wrappedKey" TEXT NOT NULL,
    "kekId" TEXT NOT NULL,
    "maskedKey" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Secret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Endpoint" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "timeoutMs" INTEGER NOT NULL DEFAULT 60000,
    "usageTracking" BOOLEAN NOT NULL DEFAULT true,
    "capturePayloads" BOOLEAN NOT NULL DEFAULT true,
    "fallbackOn" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Endpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EndpointModel" (
    "id" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "secretId" TEXT NOT NULL,
    "weight" INTEGER NOT NULL DEFAULT 1,
    "fallbackOrder" INTEGER,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "EndpointModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConfigVersion" (
    "id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConfigVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Trace" (
    "id" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endpointId" TEXT,
    "endpointName" TEXT NOT NULL,
    "teamId" TEXT,
    "tokenId" TEXT,
    "route" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "provider" TEXT,
    "model" TEXT,
    "status" TEXT NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "errorType" TEXT,
    "errorMessage" TEXT,
    "latencyMs" INTEGER NOT NULL,
    "ttftMs" INTEGER,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,
    "cacheReadTokens" INTEGER,
    "cacheCreationTokens" INTEGER,
    "totalTokens" INTEGER,
    "inputCostUsd" DOUBLE PRECISION,
    "outputCostUsd" DOUBLE PRECISION,
    "costUsd" DOUBLE PRECISION,
    "streaming" BOOLEAN NOT NULL,
    "attempts" INTEGER NOT NULL,
    "requestPayload" TEXT,
    "responsePayload" TEXT,
    "payloadTruncated" BOOLEAN NOT NULL DEFAULT false,
    "caller" TEXT,
    "metadata" JSONB,
    "traceparent" TEXT,

    CONSTRAINT "Trace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Span" (
    "traceId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3) NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "error" TEXT,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,
    "cacheReadTokens" INTEGER,
    "cacheCreationTokens" INTEGER,

    CONSTRAINT "Span_pkey" PRIMARY KEY ("traceId","attempt")
);

-- CreateTable
CREATE TABLE "UsageRollup" (
    "granularity" INTEGER NOT NULL,
    "bucketStart" TIMESTAMP(3) NOT NULL,
    "endpointName" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "caller" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "streamingRequests" INTEGER NOT NULL,
    "unknownCostRequests" INTEGER NOT NULL,
    "inputTokens" BIGINT NOT NULL,
    "outputTokens" BIGINT NOT NULL,
    "cacheReadTokens" BIGINT NOT NULL,
    "cacheCreationTokens" BIGINT NOT NULL,
    "totalTokens" BIGINT NOT NULL,
    "costUsd" DOUBLE PRECISION NOT NULL,
    "latencyMsSum" BIGINT NOT NULL,
    "ttftMsSum" BIGINT NOT NULL,
    "ttftCount" INTEGER NOT NULL,
    "lat00" INTEGER NOT NULL DEFAULT 0,
    "lat01" INTEGER NOT NULL DEFAULT 0,
    "lat02" INTEGER NOT NULL DEFAULT 0,
    "lat03" INTEGER NOT NULL DEFAULT 0,
    "lat04" INTEGER NOT NULL DEFAULT 0,
    "lat05" INTEGER NOT NULL DEFAULT 0,
    "lat06" INTEGER NOT NULL DEFAULT 0,
    "lat07" INTEGER NOT NULL DEFAULT 0,
    "lat08" INTEGER NOT NULL DEFAULT 0,
    "lat09" INTEGER NOT NULL DEFAULT 0,
    "lat10" INTEGER NOT NULL DEFAULT 0,
    "lat11" INTEGER NOT NULL DEFAULT 0,
    "lat12" INTEGER NOT NULL DEFAULT 0,
    "lat13" INTEGER NOT NULL DEFAULT 0,
    "lat14" INTEGER NOT NULL DEFAULT 0,
    "lat15" INTEGER NOT NULL DEFAULT 0,
    "lat16" INTEGER NOT NULL DEFAULT 0,
    "lat17" INTEGER NOT NULL DEFAULT 0,
    "lat18" INTEGER NOT NULL DEFAULT 0,
    "lat19" INTEGER NOT NULL DEFAULT 0,
    "lat20" INTEGER NOT NULL DEFAULT 0,
    "lat21" INTEGER NOT NULL DEFAULT 0,
    "lat22" INTEGER NOT NULL DEFAULT 0,
    "lat23" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UsageRollup_pkey" PRIMARY KEY ("granularity","bucketStart","endpointName","teamId","provider","model","caller")
);

-- CreateTable
CREATE TABLE "ModelPrice" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "modelPattern" TEXT NOT NULL,
    "inputPerMillion" DOUBLE PRECISION NOT NULL,
    "outputPerMillion" DOUBLE PRECISION NOT NULL,
    "cacheReadPerMillion" DOUBLE PRECISION,
    "cacheWritePerMillion" DOUBLE PRECISION,
    "source" TEXT NOT NULL DEFAULT 'admin',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ModelPrice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Team_name_key" ON "Team"("name");

-- CreateIndex
CREATE INDEX "TeamMember_userId_idx" ON "TeamMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_hash_key" ON "ApiToken"("hash");

-- CreateIndex
CREATE INDEX "ApiToken_teamId_idx" ON "ApiToken"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "Secret_name_key" ON "Secret"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Endpoint_name_key" ON "Endpoint"("name");

-- CreateIndex
CREATE INDEX "EndpointModel_endpointId_idx" ON "EndpointModel"("endpointId");

-- CreateIndex
CREATE INDEX "EndpointModel_secretId_idx" ON "EndpointModel"("secretId");

-- CreateIndex
CREATE INDEX "Trace_startedAt_id_idx" ON "Trace"("startedAt", "id");

-- CreateIndex
CREATE INDEX "Trace_endpointName_startedAt_idx" ON "Trace"("endpointName", "startedAt");

-- CreateIndex
CREATE INDEX "Trace_teamId_startedAt_idx" ON "Trace"("teamId", "startedAt");

-- CreateIndex
CREATE INDEX "Trace_model_startedAt_idx" ON "Trace"("model", "startedAt");

-- CreateIndex
CREATE INDEX "Trace_status_startedAt_idx" ON "Trace"("status", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ModelPrice_provider_modelPattern_key" ON "ModelPrice"("provider", "modelPattern");

-- AddForeignKey
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EndpointModel" ADD CONSTRAINT "EndpointModel_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EndpointModel" ADD CONSTRAINT "EndpointModel_secretId_fkey" FOREIGN KEY ("secretId") REFERENCES "Secret"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Span" ADD CONSTRAINT "Span_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
