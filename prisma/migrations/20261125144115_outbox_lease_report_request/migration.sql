-- AlterTable
ALTER TABLE "ProgressReport" ADD COLUMN     "requestId" TEXT;

-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN     "claimedUntil" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "ProgressReport_requestId_key" ON "ProgressReport"("requestId");
