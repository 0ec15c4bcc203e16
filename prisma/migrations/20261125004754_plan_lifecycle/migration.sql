-- AlterTable
ALTER TABLE "ReformPlan" ADD COLUMN     "appraisalCloses" DATE,
ADD COLUMN     "closesOn" DATE,
ADD COLUMN     "issuingDone" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "issuingTotal" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "workflowStartedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Task_planId_workflowStartedAt_idx" ON "Task"("planId", "workflowStartedAt");
