-- Government quality awards (政府质量奖评选): the rounds (the call, stages and model as data, the draw's commitment and
-- seed, decision, 公示 and grant), the enterprises' applications, the drawn experts with their fairness statements and
-- scores, and the objections filed on the public site (Sqlite).
CREATE TABLE "AwardApplications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AwardApplications" PRIMARY KEY,
    "RoundId" TEXT NOT NULL,
    "CreditCode" TEXT NOT NULL,
    "EnterpriseName" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "SelfAssessment" TEXT NOT NULL,
    "SelfScore" INTEGER NULL,
    "Evidence" TEXT NULL,
    "LinkedUnits" TEXT NULL,
    "Status" TEXT NOT NULL,
    "RecommendedBy" TEXT NOT NULL,
    "Reason" TEXT NULL,
    "FinalScore" TEXT NULL,
    "Rank" INTEGER NULL,
    "RecognitionId" TEXT NULL,
    "SubmittedAt" TEXT NOT NULL,
    "SubmittedBy" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);
CREATE TABLE "AwardObjections" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AwardObjections" PRIMARY KEY,
    "RoundId" TEXT NOT NULL,
    "ApplicationId" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "TextHash" TEXT NOT NULL,
    "ContactName" TEXT NOT NULL,
    "ContactPhone" TEXT NOT NULL,
    "FiledAt" TEXT NOT NULL,
    "Outcome" TEXT NULL,
    "Resolution" TEXT NULL,
    "ResolvedAt" TEXT NULL,
    "ResolvedBy" TEXT NULL,
    "Version" INTEGER NOT NULL
);
CREATE TABLE "AwardReviewers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AwardReviewers" PRIMARY KEY,
    "RoundId" TEXT NOT NULL,
    "ApplicationId" TEXT NOT NULL,
    "ExpertId" TEXT NOT NULL,
    "ExpertName" TEXT NOT NULL,
    "Place" INTEGER NOT NULL,
    "SignedAt" TEXT NULL,
    "Scores" TEXT NULL,
    "Total" INTEGER NULL,
    "ScoredAt" TEXT NULL,
    "Notes" TEXT NULL,
    "Version" INTEGER NOT NULL
);
CREATE TABLE "AwardRounds" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AwardRounds" PRIMARY KEY,
    "Title" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "Level" TEXT NOT NULL,
    "Categories" TEXT NOT NULL,
    "WinnerQuota" INTEGER NOT NULL,
    "NomineeQuota" INTEGER NOT NULL,
    "Deadline" TEXT NOT NULL,
    "Stages" TEXT NOT NULL,
    "Model" TEXT NOT NULL,
    "PublicityDays" INTEGER NOT NULL,
    "ValidityYears" INTEGER NOT NULL,
    "RequiresRecommendation" INTEGER NOT NULL,
    "LookbackYears" INTEGER NOT NULL,
    "ExpertsPerApplicant" INTEGER NOT NULL,
    "Combination" TEXT NOT NULL,
    "ScoreBy" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Commitment" TEXT NULL,
    "SealedSeed" TEXT NULL,
    "Seed" TEXT NULL,
    "DrawInputs" TEXT NULL,
    "DrawInputsHash" TEXT NULL,
    "DrawnAt" TEXT NULL,
    "DecidedOn" TEXT NULL,
    "AnnouncedOn" TEXT NULL,
    "PublicityEnds" TEXT NULL,
    "GrantedOn" TEXT NULL,
    "DocumentNumber" TEXT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);
CREATE INDEX "IX_AwardApplications_CreditCode" ON "AwardApplications" ("CreditCode");
CREATE UNIQUE INDEX "IX_AwardApplications_Once" ON "AwardApplications" ("RoundId", "CreditCode");
CREATE INDEX "IX_AwardApplications_RegionPath" ON "AwardApplications" ("RegionPath");
CREATE UNIQUE INDEX "IX_AwardObjections_Once" ON "AwardObjections" ("ApplicationId", "ContactPhone", "TextHash");
CREATE INDEX "IX_AwardObjections_RoundId" ON "AwardObjections" ("RoundId");
CREATE INDEX "IX_AwardReviewers_ExpertId" ON "AwardReviewers" ("ExpertId");
CREATE UNIQUE INDEX "IX_AwardReviewers_Once" ON "AwardReviewers" ("ApplicationId", "ExpertId");
CREATE INDEX "IX_AwardReviewers_RoundId_ExpertId" ON "AwardReviewers" ("RoundId", "ExpertId");
CREATE INDEX "IX_AwardRounds_List" ON "AwardRounds" ("Year", "Id");
CREATE UNIQUE INDEX "IX_AwardRounds_Once" ON "AwardRounds" ("RegionCode", "Year", "Title");
CREATE INDEX "IX_AwardRounds_RegionPath" ON "AwardRounds" ("RegionPath");
