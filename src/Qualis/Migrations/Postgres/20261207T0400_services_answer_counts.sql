-- The questionnaire summary's counts (需求汇总), kept by triggers so a summary reads a few thousand rows instead of grouping
-- every answer per request: the firms per questionnaire, question, option and region path (a free-text answer under
-- option 0), and the firms sent and answered per questionnaire and region path. Filled from the existing rows (Postgres).
-- A row is never deleted, only changed (it may fall to 0).
CREATE TABLE "QuestionnaireAnswerCounts" (
    "QuestionnaireId" uuid NOT NULL,
    "QuestionId" uuid NOT NULL,
    "Choice" integer NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "Count" integer NOT NULL,
    CONSTRAINT "PK_QuestionnaireAnswerCounts" PRIMARY KEY ("QuestionnaireId", "QuestionId", "Choice", "RegionPath")
);
CREATE TABLE "QuestionnaireRecipientCounts" (
    "QuestionnaireId" uuid NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "Sent" integer NOT NULL,
    "Answered" integer NOT NULL,
    CONSTRAINT "PK_QuestionnaireRecipientCounts" PRIMARY KEY ("QuestionnaireId", "RegionPath")
);

INSERT INTO "QuestionnaireAnswerCounts" ("QuestionnaireId", "QuestionId", "Choice", "RegionPath", "Count")
SELECT "QuestionnaireId", "QuestionId", COALESCE("Choice", 0), "RegionPath", count(*) FROM "QuestionnaireAnswers" GROUP BY 1, 2, 3, 4;
INSERT INTO "QuestionnaireRecipientCounts" ("QuestionnaireId", "RegionPath", "Sent", "Answered")
SELECT "QuestionnaireId", "RegionPath", count(*), count("AnsweredAt") FROM "QuestionnaireRecipients" GROUP BY 1, 2;

-- Inserts and deletes are counted once per statement from its transition table (a send to 100,000 firms, a bulk load,
-- a firm's answer rows), grouped and in key order, so two statements meeting on the same rows wait rather than deadlock;
-- ON CONFLICT lets two firms answering at once both count. A change of the counted columns (none the platform makes to
-- an answer; an answer's time on a recipient) is counted per row, as the update triggers cannot both name columns and
-- reference transition tables.
CREATE FUNCTION qualis_services_answer_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO "QuestionnaireAnswerCounts" ("QuestionnaireId", "QuestionId", "Choice", "RegionPath", "Count")
        SELECT "QuestionnaireId", "QuestionId", COALESCE("Choice", 0), "RegionPath", count(*) FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        ON CONFLICT ("QuestionnaireId", "QuestionId", "Choice", "RegionPath") DO UPDATE SET "Count" = "QuestionnaireAnswerCounts"."Count" + excluded."Count";
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO "QuestionnaireAnswerCounts" ("QuestionnaireId", "QuestionId", "Choice", "RegionPath", "Count")
        SELECT "QuestionnaireId", "QuestionId", COALESCE("Choice", 0), "RegionPath", -count(*) FROM old_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        ON CONFLICT ("QuestionnaireId", "QuestionId", "Choice", "RegionPath") DO UPDATE SET "Count" = "QuestionnaireAnswerCounts"."Count" + excluded."Count";
    ELSE
        INSERT INTO "QuestionnaireAnswerCounts" ("QuestionnaireId", "QuestionId", "Choice", "RegionPath", "Count")
        SELECT q, question, choice, p, sum(n) FROM (VALUES (OLD."QuestionnaireId", OLD."QuestionId", COALESCE(OLD."Choice", 0), OLD."RegionPath", -1),
                                                            (NEW."QuestionnaireId", NEW."QuestionId", COALESCE(NEW."Choice", 0), NEW."RegionPath", 1)) v(q, question, choice, p, n)
        GROUP BY q, question, choice, p ORDER BY q, question, choice, p
        ON CONFLICT ("QuestionnaireId", "QuestionId", "Choice", "RegionPath") DO UPDATE SET "Count" = "QuestionnaireAnswerCounts"."Count" + excluded."Count";
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "QuestionnaireAnswers_counts_insert" AFTER INSERT ON "QuestionnaireAnswers"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION qualis_services_answer_counts();

CREATE TRIGGER "QuestionnaireAnswers_counts_delete" AFTER DELETE ON "QuestionnaireAnswers"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION qualis_services_answer_counts();

CREATE TRIGGER "QuestionnaireAnswers_counts_update" AFTER UPDATE OF "QuestionnaireId", "QuestionId", "Choice", "RegionPath" ON "QuestionnaireAnswers"
FOR EACH ROW WHEN (OLD."QuestionnaireId" IS DISTINCT FROM NEW."QuestionnaireId" OR OLD."QuestionId" IS DISTINCT FROM NEW."QuestionId"
                   OR OLD."Choice" IS DISTINCT FROM NEW."Choice" OR OLD."RegionPath" IS DISTINCT FROM NEW."RegionPath")
EXECUTE FUNCTION qualis_services_answer_counts();

CREATE FUNCTION qualis_services_recipient_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO "QuestionnaireRecipientCounts" ("QuestionnaireId", "RegionPath", "Sent", "Answered")
        SELECT "QuestionnaireId", "RegionPath", count(*), count("AnsweredAt") FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT ("QuestionnaireId", "RegionPath") DO UPDATE SET
            "Sent" = "QuestionnaireRecipientCounts"."Sent" + excluded."Sent", "Answered" = "QuestionnaireRecipientCounts"."Answered" + excluded."Answered";
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO "QuestionnaireRecipientCounts" ("QuestionnaireId", "RegionPath", "Sent", "Answered")
        SELECT "QuestionnaireId", "RegionPath", -count(*), -count("AnsweredAt") FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT ("QuestionnaireId", "RegionPath") DO UPDATE SET
            "Sent" = "QuestionnaireRecipientCounts"."Sent" + excluded."Sent", "Answered" = "QuestionnaireRecipientCounts"."Answered" + excluded."Answered";
    ELSE
        INSERT INTO "QuestionnaireRecipientCounts" ("QuestionnaireId", "RegionPath", "Sent", "Answered")
        SELECT q, p, sum(s), sum(a) FROM (VALUES (OLD."QuestionnaireId", OLD."RegionPath", -1, -(OLD."AnsweredAt" IS NOT NULL)::int),
                                                 (NEW."QuestionnaireId", NEW."RegionPath", 1, (NEW."AnsweredAt" IS NOT NULL)::int)) v(q, p, s, a)
        GROUP BY q, p ORDER BY q, p
        ON CONFLICT ("QuestionnaireId", "RegionPath") DO UPDATE SET
            "Sent" = "QuestionnaireRecipientCounts"."Sent" + excluded."Sent", "Answered" = "QuestionnaireRecipientCounts"."Answered" + excluded."Answered";
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "QuestionnaireRecipients_counts_insert" AFTER INSERT ON "QuestionnaireRecipients"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION qualis_services_recipient_counts();

CREATE TRIGGER "QuestionnaireRecipients_counts_delete" AFTER DELETE ON "QuestionnaireRecipients"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION qualis_services_recipient_counts();

-- Only a change of what is counted, and where (an answer's time set): a reopening or a new version touches nothing.
CREATE TRIGGER "QuestionnaireRecipients_counts_update" AFTER UPDATE OF "QuestionnaireId", "RegionPath", "AnsweredAt" ON "QuestionnaireRecipients"
FOR EACH ROW WHEN (OLD."QuestionnaireId" IS DISTINCT FROM NEW."QuestionnaireId" OR OLD."RegionPath" IS DISTINCT FROM NEW."RegionPath"
                   OR (OLD."AnsweredAt" IS NULL) <> (NEW."AnsweredAt" IS NULL))
EXECUTE FUNCTION qualis_services_recipient_counts();
