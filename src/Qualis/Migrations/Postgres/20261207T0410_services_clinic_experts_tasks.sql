-- A service event names its experts from the directory (专家库) by id, so a declared conflict stops a diagnosis and the
-- expert sees the clinic among their work; a firm's follow-up (跟踪事项) is an improvement task with evidence rather than
-- a line marked done. A follow-up already marked done keeps its day and result in its text (PostgreSQL).
ALTER TABLE "ServiceEvents" ADD COLUMN "ExpertIds" character varying(1000) NOT NULL DEFAULT '';
ALTER TABLE "ServiceEvents" ALTER COLUMN "ExpertIds" DROP DEFAULT;
ALTER TABLE "ServiceEventFirms" ADD COLUMN "FollowUpTaskId" uuid;
UPDATE "ServiceEventFirms" SET "FollowUp" = LEFT("FollowUp" || '（' || to_char("FollowUpDoneOn", 'YYYY-MM-DD') || ' 已落实：' || COALESCE("FollowUpResult", '') || '）', 1000)
WHERE "FollowUpDoneOn" IS NOT NULL AND "FollowUp" IS NOT NULL;
ALTER TABLE "ServiceEventFirms" DROP COLUMN "FollowUpDoneOn";
ALTER TABLE "ServiceEventFirms" DROP COLUMN "FollowUpResult";
