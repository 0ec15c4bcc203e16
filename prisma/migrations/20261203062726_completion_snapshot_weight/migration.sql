-- AlterTable
ALTER TABLE "CompletionSnapshot" ADD COLUMN     "weight" INTEGER NOT NULL DEFAULT 0;
