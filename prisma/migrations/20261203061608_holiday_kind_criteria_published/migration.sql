-- CreateEnum
CREATE TYPE "HolidayKind" AS ENUM ('HOLIDAY', 'WORKING_DAY');

-- AlterTable
ALTER TABLE "CriteriaSet" ADD COLUMN     "publishedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Holiday" ADD COLUMN     "kind" "HolidayKind" NOT NULL DEFAULT 'HOLIDAY';
