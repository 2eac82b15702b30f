-- Government quality awards (政府质量奖评选): the rounds (the call, stages and model as data, the draw's commitment and
-- seed, decision, 公示 and grant), the enterprises' applications, the drawn experts with their fairness statements and
-- scores, and the objections filed on the public site (PostgreSQL).
CREATE TABLE "AwardApplications" (
    "Id" uuid NOT NULL,
    "RoundId" uuid NOT NULL,
    "CreditCode" character varying(18) NOT NULL,
    "EnterpriseName" character varying(200) NOT NULL,
    "Category" character varying(100) NOT NULL,
    "SelfAssessment" character varying(4000) NOT NULL,
    "SelfScore" integer,
    "Evidence" character varying(4000),
    "LinkedUnits" character varying(1000),
    "Status" text NOT NULL,
    "RecommendedBy" character varying(100) NOT NULL,
    "Reason" character varying(1000),
    "FinalScore" numeric(7,2),
    "Rank" integer,
    "RecognitionId" uuid,
    "SubmittedAt" timestamp with time zone NOT NULL,
    "SubmittedBy" character varying(64) NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_AwardApplications" PRIMARY KEY ("Id")
);
CREATE TABLE "AwardObjections" (
    "Id" uuid NOT NULL,
    "RoundId" uuid NOT NULL,
    "ApplicationId" uuid NOT NULL,
    "Text" character varying(2000) NOT NULL,
    "TextHash" character varying(64) NOT NULL,
    "ContactName" character varying(100) NOT NULL,
    "ContactPhone" character varying(32) NOT NULL,
    "FiledAt" timestamp with time zone NOT NULL,
    "Outcome" text,
    "Resolution" character varying(2000),
    "ResolvedAt" timestamp with time zone,
    "ResolvedBy" character varying(64),
    "Version" integer NOT NULL,
    CONSTRAINT "PK_AwardObjections" PRIMARY KEY ("Id")
);
CREATE TABLE "AwardReviewers" (
    "Id" uuid NOT NULL,
    "RoundId" uuid NOT NULL,
    "ApplicationId" uuid NOT NULL,
    "ExpertId" uuid NOT NULL,
    "ExpertName" character varying(100) NOT NULL,
    "Place" integer NOT NULL,
    "SignedAt" timestamp with time zone,
    "Scores" character varying(200),
    "Total" integer,
    "ScoredAt" timestamp with time zone,
    "Notes" character varying(2000),
    "Version" integer NOT NULL,
    CONSTRAINT "PK_AwardReviewers" PRIMARY KEY ("Id")
);
CREATE TABLE "AwardRounds" (
    "Id" uuid NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Year" integer NOT NULL,
    "Level" text NOT NULL,
    "Categories" character varying(2000) NOT NULL,
    "WinnerQuota" integer NOT NULL,
    "NomineeQuota" integer NOT NULL,
    "Deadline" date NOT NULL,
    "Stages" character varying(2000) NOT NULL,
    "Model" character varying(2000) NOT NULL,
    "PublicityDays" integer NOT NULL,
    "ValidityYears" integer NOT NULL,
    "RequiresRecommendation" boolean NOT NULL,
    "LookbackYears" integer NOT NULL,
    "ExpertsPerApplicant" integer NOT NULL,
    "Combination" text NOT NULL,
    "ScoreBy" date,
    "Status" text NOT NULL,
    "Commitment" character varying(64),
    "SealedSeed" character varying(1000),
    "Seed" character varying(64),
    "DrawInputs" text,
    "DrawInputsHash" character varying(64),
    "DrawnAt" timestamp with time zone,
    "DecidedOn" date,
    "AnnouncedOn" date,
    "PublicityEnds" date,
    "GrantedOn" date,
    "DocumentNumber" character varying(100),
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedBy" character varying(64) NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_AwardRounds" PRIMARY KEY ("Id")
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
