-- Services to small firms (服务零距离), the service-needs questionnaire: the questionnaires and their questions (shared
-- catalogues the province writes), the firms each was sent to and their answers, one row per chosen option or text (Postgres).
CREATE TABLE "QuestionnaireAnswers" (
    "Id" uuid NOT NULL,
    "QuestionnaireId" uuid NOT NULL,
    "RecipientId" uuid NOT NULL,
    "QuestionId" uuid NOT NULL,
    "Choice" integer,
    "Text" character varying(1000),
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    CONSTRAINT "PK_QuestionnaireAnswers" PRIMARY KEY ("Id")
);
CREATE TABLE "QuestionnaireQuestions" (
    "Id" uuid NOT NULL,
    "QuestionnaireId" uuid NOT NULL,
    "Number" integer NOT NULL,
    "Area" text NOT NULL,
    "Kind" text NOT NULL,
    "Text" character varying(500) NOT NULL,
    "Options" character varying(2000) NOT NULL,
    "Required" boolean NOT NULL,
    CONSTRAINT "PK_QuestionnaireQuestions" PRIMARY KEY ("Id")
);
CREATE TABLE "QuestionnaireRecipients" (
    "Id" uuid NOT NULL,
    "QuestionnaireId" uuid NOT NULL,
    "CreditCode" character varying(18) NOT NULL,
    "EnterpriseName" character varying(200) NOT NULL,
    "EnterpriseNameSort" character varying(200) COLLATE "C" NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "SentAt" timestamp with time zone NOT NULL,
    "SentBy" character varying(64) NOT NULL,
    "AnsweredAt" timestamp with time zone,
    "AnsweredBy" character varying(64),
    "AnsweredVia" text,
    "ReopenedUntil" date,
    "ReopenedBy" character varying(64),
    "Version" integer NOT NULL,
    CONSTRAINT "PK_QuestionnaireRecipients" PRIMARY KEY ("Id")
);
CREATE TABLE "Questionnaires" (
    "Id" uuid NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Year" integer NOT NULL,
    "OpensOn" date NOT NULL,
    "ClosesOn" date NOT NULL,
    "Intro" character varying(1000),
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedBy" character varying(64) NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_Questionnaires" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_QuestionnaireAnswers_RecipientId" ON "QuestionnaireAnswers" ("RecipientId");
CREATE INDEX "IX_QuestionnaireAnswers_Summary" ON "QuestionnaireAnswers" ("QuestionnaireId", "QuestionId", "Choice", "RegionPath");
CREATE UNIQUE INDEX "IX_QuestionnaireQuestions_QuestionnaireId_Number" ON "QuestionnaireQuestions" ("QuestionnaireId", "Number");
CREATE INDEX "IX_QuestionnaireRecipients_CreditCode" ON "QuestionnaireRecipients" ("CreditCode");
CREATE INDEX "IX_QuestionnaireRecipients_List" ON "QuestionnaireRecipients" ("QuestionnaireId", "EnterpriseNameSort", "Id");
CREATE UNIQUE INDEX "IX_QuestionnaireRecipients_Once" ON "QuestionnaireRecipients" ("QuestionnaireId", "CreditCode");
CREATE INDEX "IX_QuestionnaireRecipients_RegionPath" ON "QuestionnaireRecipients" ("RegionPath");
CREATE INDEX "IX_QuestionnaireRecipients_Summary" ON "QuestionnaireRecipients" ("QuestionnaireId", "RegionPath", "AnsweredAt");
CREATE UNIQUE INDEX "IX_Questionnaires_Year_Title" ON "Questionnaires" ("Year", "Title");
