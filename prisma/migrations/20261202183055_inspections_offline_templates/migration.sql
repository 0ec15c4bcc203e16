-- AlterTable
ALTER TABLE "Inspection" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "summary" TEXT,
ADD COLUMN     "templateId" TEXT;

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "checklistItemId" TEXT,
ADD COLUMN     "clientId" TEXT,
ADD COLUMN     "correctiveActionId" TEXT,
ADD COLUMN     "inspectionId" TEXT;

-- CreateTable
CREATE TABLE "ChecklistTemplate" (
    "id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "items" TEXT[],
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChecklistTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChecklistTemplate_topic_idx" ON "ChecklistTemplate"("topic");

-- CreateIndex
CREATE INDEX "Evidence_inspectionId_idx" ON "Evidence"("inspectionId");

-- CreateIndex
CREATE INDEX "Evidence_checklistItemId_idx" ON "Evidence"("checklistItemId");

-- CreateIndex
CREATE INDEX "Evidence_correctiveActionId_idx" ON "Evidence"("correctiveActionId");

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_uploadedById_clientId_key" ON "Evidence"("uploadedById", "clientId");

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ChecklistTemplate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChecklistTemplate" ADD CONSTRAINT "ChecklistTemplate_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_checklistItemId_fkey" FOREIGN KEY ("checklistItemId") REFERENCES "ChecklistItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_correctiveActionId_fkey" FOREIGN KEY ("correctiveActionId") REFERENCES "CorrectiveAction"("id") ON DELETE SET NULL ON UPDATE CASCADE;
