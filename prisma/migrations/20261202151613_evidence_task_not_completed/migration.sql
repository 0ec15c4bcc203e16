-- AlterEnum
ALTER TYPE "TaskStatus" ADD VALUE 'NOT_COMPLETED';

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "aboutDate" DATE,
ADD COLUMN     "taskId" TEXT;

-- CreateIndex
CREATE INDEX "Evidence_taskId_idx" ON "Evidence"("taskId");

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE SET NULL ON UPDATE CASCADE;
