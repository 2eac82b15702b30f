-- Services to small firms (服务零距离), the service-needs questionnaire: the questionnaires and their questions (shared
-- catalogues the province writes), the firms each was sent to and their answers, one row per chosen option or text (Sqlite).
CREATE TABLE "QuestionnaireAnswers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_QuestionnaireAnswers" PRIMARY KEY,
    "QuestionnaireId" TEXT NOT NULL,
    "RecipientId" TEXT NOT NULL,
    "QuestionId" TEXT NOT NULL,
    "Choice" INTEGER NULL,
    "Text" TEXT NULL,
    "RegionPath" TEXT NOT NULL
);
CREATE TABLE "QuestionnaireQuestions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_QuestionnaireQuestions" PRIMARY KEY,
    "QuestionnaireId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "Area" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "Options" TEXT NOT NULL,
    "Required" INTEGER NOT NULL
);
CREATE TABLE "QuestionnaireRecipients" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_QuestionnaireRecipients" PRIMARY KEY,
    "QuestionnaireId" TEXT NOT NULL,
    "CreditCode" TEXT NOT NULL,
    "EnterpriseName" TEXT NOT NULL,
    "EnterpriseNameSort" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "SentAt" TEXT NOT NULL,
    "SentBy" TEXT NOT NULL,
    "AnsweredAt" TEXT NULL,
    "AnsweredBy" TEXT NULL,
    "AnsweredVia" TEXT NULL,
    "ReopenedUntil" TEXT NULL,
    "ReopenedBy" TEXT NULL,
    "Version" INTEGER NOT NULL
);
CREATE TABLE "Questionnaires" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Questionnaires" PRIMARY KEY,
    "Title" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "OpensOn" TEXT NOT NULL,
    "ClosesOn" TEXT NOT NULL,
    "Intro" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
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
