-- A service event names its experts from the directory (专家库) by id, so a declared conflict stops a diagnosis and the
-- expert sees the clinic among their work; a firm's follow-up (跟踪事项) is an improvement task with evidence rather than
-- a line marked done. A follow-up already marked done keeps its day and result in its text (Sqlite).
ALTER TABLE "ServiceEvents" ADD COLUMN "ExpertIds" TEXT NOT NULL DEFAULT '';
ALTER TABLE "ServiceEventFirms" ADD COLUMN "FollowUpTaskId" TEXT NULL;
UPDATE "ServiceEventFirms" SET "FollowUp" = substr("FollowUp" || '（' || "FollowUpDoneOn" || ' 已落实：' || COALESCE("FollowUpResult", '') || '）', 1, 1000)
WHERE "FollowUpDoneOn" IS NOT NULL AND "FollowUp" IS NOT NULL;
ALTER TABLE "ServiceEventFirms" DROP COLUMN "FollowUpDoneOn";
ALTER TABLE "ServiceEventFirms" DROP COLUMN "FollowUpResult";
