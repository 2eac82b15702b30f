-- The questionnaire summary's counts (需求汇总), kept by triggers so a summary reads a few thousand rows instead of grouping
-- every answer per request: the firms per questionnaire, question, option and region path (a free-text answer under
-- option 0), and the firms sent and answered per questionnaire and region path. Filled from the existing rows (Sqlite).
-- A row is never deleted, only changed (it may fall to 0).
CREATE TABLE "QuestionnaireAnswerCounts" (
    "QuestionnaireId" TEXT NOT NULL,
    "QuestionId" TEXT NOT NULL,
    "Choice" INTEGER NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Count" INTEGER NOT NULL,
    CONSTRAINT "PK_QuestionnaireAnswerCounts" PRIMARY KEY ("QuestionnaireId", "QuestionId", "Choice", "RegionPath")
);
CREATE TABLE "QuestionnaireRecipientCounts" (
    "QuestionnaireId" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Sent" INTEGER NOT NULL,
    "Answered" INTEGER NOT NULL,
    CONSTRAINT "PK_QuestionnaireRecipientCounts" PRIMARY KEY ("QuestionnaireId", "RegionPath")
);

INSERT INTO "QuestionnaireAnswerCounts" ("QuestionnaireId", "QuestionId", "Choice", "RegionPath", "Count")
SELECT "QuestionnaireId", "QuestionId", coalesce("Choice", 0), "RegionPath", count(*) FROM "QuestionnaireAnswers" GROUP BY 1, 2, 3, 4;
INSERT INTO "QuestionnaireRecipientCounts" ("QuestionnaireId", "RegionPath", "Sent", "Answered")
SELECT "QuestionnaireId", "RegionPath", count(*), count("AnsweredAt") FROM "QuestionnaireRecipients" GROUP BY 1, 2;

-- Answers are written once and never changed by the platform; the update trigger keeps the counts right if SQL does.
CREATE TRIGGER "QuestionnaireAnswers_counts_insert" AFTER INSERT ON "QuestionnaireAnswers"
BEGIN
    INSERT INTO "QuestionnaireAnswerCounts" ("QuestionnaireId", "QuestionId", "Choice", "RegionPath", "Count")
    VALUES (NEW."QuestionnaireId", NEW."QuestionId", coalesce(NEW."Choice", 0), NEW."RegionPath", 1)
    ON CONFLICT ("QuestionnaireId", "QuestionId", "Choice", "RegionPath") DO UPDATE SET "Count" = "Count" + 1;
END;

CREATE TRIGGER "QuestionnaireAnswers_counts_delete" AFTER DELETE ON "QuestionnaireAnswers"
BEGIN
    UPDATE "QuestionnaireAnswerCounts" SET "Count" = "Count" - 1
    WHERE "QuestionnaireId" = OLD."QuestionnaireId" AND "QuestionId" = OLD."QuestionId" AND "Choice" = coalesce(OLD."Choice", 0) AND "RegionPath" = OLD."RegionPath";
END;

CREATE TRIGGER "QuestionnaireAnswers_counts_update" AFTER UPDATE OF "QuestionnaireId", "QuestionId", "Choice", "RegionPath" ON "QuestionnaireAnswers"
WHEN OLD."QuestionnaireId" IS NOT NEW."QuestionnaireId" OR OLD."QuestionId" IS NOT NEW."QuestionId" OR OLD."Choice" IS NOT NEW."Choice"
  OR OLD."RegionPath" IS NOT NEW."RegionPath"
BEGIN
    UPDATE "QuestionnaireAnswerCounts" SET "Count" = "Count" - 1
    WHERE "QuestionnaireId" = OLD."QuestionnaireId" AND "QuestionId" = OLD."QuestionId" AND "Choice" = coalesce(OLD."Choice", 0) AND "RegionPath" = OLD."RegionPath";
    INSERT INTO "QuestionnaireAnswerCounts" ("QuestionnaireId", "QuestionId", "Choice", "RegionPath", "Count")
    VALUES (NEW."QuestionnaireId", NEW."QuestionId", coalesce(NEW."Choice", 0), NEW."RegionPath", 1)
    ON CONFLICT ("QuestionnaireId", "QuestionId", "Choice", "RegionPath") DO UPDATE SET "Count" = "Count" + 1;
END;

CREATE TRIGGER "QuestionnaireRecipients_counts_insert" AFTER INSERT ON "QuestionnaireRecipients"
BEGIN
    INSERT INTO "QuestionnaireRecipientCounts" ("QuestionnaireId", "RegionPath", "Sent", "Answered")
    VALUES (NEW."QuestionnaireId", NEW."RegionPath", 1, NEW."AnsweredAt" IS NOT NULL)
    ON CONFLICT ("QuestionnaireId", "RegionPath") DO UPDATE SET "Sent" = "Sent" + 1, "Answered" = "Answered" + excluded."Answered";
END;

CREATE TRIGGER "QuestionnaireRecipients_counts_delete" AFTER DELETE ON "QuestionnaireRecipients"
BEGIN
    UPDATE "QuestionnaireRecipientCounts" SET "Sent" = "Sent" - 1, "Answered" = "Answered" - (OLD."AnsweredAt" IS NOT NULL)
    WHERE "QuestionnaireId" = OLD."QuestionnaireId" AND "RegionPath" = OLD."RegionPath";
END;

-- Only a change of what is counted, and where (an answer's time set): a reopening or a new version touches nothing.
CREATE TRIGGER "QuestionnaireRecipients_counts_update" AFTER UPDATE OF "QuestionnaireId", "RegionPath", "AnsweredAt" ON "QuestionnaireRecipients"
WHEN OLD."QuestionnaireId" IS NOT NEW."QuestionnaireId" OR OLD."RegionPath" IS NOT NEW."RegionPath"
  OR (OLD."AnsweredAt" IS NULL) IS NOT (NEW."AnsweredAt" IS NULL)
BEGIN
    UPDATE "QuestionnaireRecipientCounts" SET "Sent" = "Sent" - 1, "Answered" = "Answered" - (OLD."AnsweredAt" IS NOT NULL)
    WHERE "QuestionnaireId" = OLD."QuestionnaireId" AND "RegionPath" = OLD."RegionPath";
    INSERT INTO "QuestionnaireRecipientCounts" ("QuestionnaireId", "RegionPath", "Sent", "Answered")
    VALUES (NEW."QuestionnaireId", NEW."RegionPath", 1, NEW."AnsweredAt" IS NOT NULL)
    ON CONFLICT ("QuestionnaireId", "RegionPath") DO UPDATE SET "Sent" = "Sent" + 1, "Answered" = "Answered" + excluded."Answered";
END;
