-- DropIndex
DROP INDEX "ProgressReport_requestId_key";

-- CreateIndex
CREATE UNIQUE INDEX "ProgressReport_taskId_requestId_key" ON "ProgressReport"("taskId", "requestId");
