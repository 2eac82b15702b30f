-- Quality-work assessment (质量工作考核): schemes with their scoring sheet, calendar, veto rules and published results; each city's assessment, item scores, evidence, on-site checks and vetoes (PostgreSQL).
CREATE TABLE "AssessmentCityVetoes" (
    "Id" uuid NOT NULL,
    "CityAssessmentId" uuid NOT NULL,
    "VetoCode" character varying(20) NOT NULL,
    "Reason" character varying(500) NOT NULL,
    CONSTRAINT "PK_AssessmentCityVetoes" PRIMARY KEY ("Id")
);

CREATE TABLE "AssessmentEvidence" (
    "Id" uuid NOT NULL,
    "CityAssessmentId" uuid NOT NULL,
    "ItemCode" character varying(20) NOT NULL,
    "FileName" character varying(260) NOT NULL,
    "ContentType" character varying(100) NOT NULL,
    "Bytes" bigint NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "StoredPath" character varying(500) NOT NULL,
    "UploadedAt" timestamp with time zone NOT NULL,
    "UploadedBy" character varying(256) NOT NULL,
    CONSTRAINT "PK_AssessmentEvidence" PRIMARY KEY ("Id")
);

CREATE TABLE "AssessmentItems" (
    "Id" uuid NOT NULL,
    "SchemeId" uuid NOT NULL,
    "Code" character varying(20) NOT NULL,
    "ParentCode" character varying(20),
    "Name" character varying(200) NOT NULL,
    "Order" integer NOT NULL,
    "MaxPoints" numeric(7,2) NOT NULL,
    "Type" text NOT NULL,
    "Target" numeric(18,4),
    "DeductionPerUnit" numeric(7,2),
    "RankPoints" character varying(200),
    "IndicatorKey" character varying(100),
    "Rule" text,
    "Department" character varying(100),
    "Method" character varying(500),
    "Evidence" character varying(500),
    CONSTRAINT "PK_AssessmentItems" PRIMARY KEY ("Id")
);

CREATE TABLE "AssessmentItemScores" (
    "Id" uuid NOT NULL,
    "CityAssessmentId" uuid NOT NULL,
    "ItemCode" character varying(20) NOT NULL,
    "ClaimedValue" numeric(18,4),
    "ClaimedMet" boolean,
    "PlatformValue" numeric(18,4),
    "PlatformLink" character varying(300),
    "Note" character varying(1000),
    "Review" text NOT NULL,
    "AdjustedPoints" numeric(7,2),
    "ReviewReason" character varying(500),
    "ReviewedBy" character varying(256),
    "ReviewedAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_AssessmentItemScores" PRIMARY KEY ("Id")
);

CREATE TABLE "AssessmentResults" (
    "Id" uuid NOT NULL,
    "SchemeId" uuid NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "Score" numeric(7,2) NOT NULL,
    "Grade" character varying(4) NOT NULL,
    "Rank" integer NOT NULL,
    "Vetoed" boolean NOT NULL,
    "Lines" text NOT NULL,
    CONSTRAINT "PK_AssessmentResults" PRIMARY KEY ("Id")
);

CREATE TABLE "AssessmentSchemes" (
    "Id" uuid NOT NULL,
    "Year" integer NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Total" numeric(7,2) NOT NULL,
    "GradeBands" character varying(100) NOT NULL,
    "Status" text NOT NULL,
    "SummaryDue" date,
    "SummaryItemCode" character varying(20),
    "PublishedAt" timestamp with time zone,
    "ResultsPublishedAt" timestamp with time zone,
    "ResultsHash" character varying(64),
    "CopiedFromId" uuid,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_AssessmentSchemes" PRIMARY KEY ("Id")
);

CREATE TABLE "AssessmentSiteChecks" (
    "Id" uuid NOT NULL,
    "CityAssessmentId" uuid NOT NULL,
    "VisitedOn" date NOT NULL,
    "Site" character varying(200) NOT NULL,
    "Unannounced" boolean NOT NULL,
    "Findings" character varying(1000) NOT NULL,
    CONSTRAINT "PK_AssessmentSiteChecks" PRIMARY KEY ("Id")
);

CREATE TABLE "AssessmentSteps" (
    "Id" uuid NOT NULL,
    "SchemeId" uuid NOT NULL,
    "Step" text NOT NULL,
    "Deadline" date NOT NULL,
    CONSTRAINT "PK_AssessmentSteps" PRIMARY KEY ("Id")
);

CREATE TABLE "AssessmentVetoes" (
    "Id" uuid NOT NULL,
    "SchemeId" uuid NOT NULL,
    "Code" character varying(20) NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Grade" character varying(4) NOT NULL,
    CONSTRAINT "PK_AssessmentVetoes" PRIMARY KEY ("Id")
);

CREATE TABLE "CityAssessments" (
    "Id" uuid NOT NULL,
    "SchemeId" uuid NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "Stage" text NOT NULL,
    "TargetsFiledOn" date,
    "Note" character varying(2000),
    "SelfSubmittedAt" timestamp with time zone,
    "SummarySubmittedOn" date,
    "Summary" character varying(4000),
    "RectificationDue" date,
    "Rectification" character varying(4000),
    "RectificationSubmittedOn" date,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_CityAssessments" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_AssessmentCityVetoes_CityAssessmentId_VetoCode" ON "AssessmentCityVetoes" ("CityAssessmentId", "VetoCode");

CREATE INDEX "IX_AssessmentEvidence_CityAssessmentId" ON "AssessmentEvidence" ("CityAssessmentId");

CREATE UNIQUE INDEX "IX_AssessmentItems_SchemeId_Code" ON "AssessmentItems" ("SchemeId", "Code");

CREATE UNIQUE INDEX "IX_AssessmentItemScores_CityAssessmentId_ItemCode" ON "AssessmentItemScores" ("CityAssessmentId", "ItemCode");

CREATE UNIQUE INDEX "IX_AssessmentResults_SchemeId_RegionCode" ON "AssessmentResults" ("SchemeId", "RegionCode");

CREATE UNIQUE INDEX "IX_AssessmentSchemes_RegionCode_Year" ON "AssessmentSchemes" ("RegionCode", "Year");

CREATE INDEX "IX_AssessmentSchemes_RegionPath" ON "AssessmentSchemes" ("RegionPath");

CREATE UNIQUE INDEX "IX_AssessmentSiteChecks_CityAssessmentId_VisitedOn_Site" ON "AssessmentSiteChecks" ("CityAssessmentId", "VisitedOn", "Site");

CREATE UNIQUE INDEX "IX_AssessmentSteps_SchemeId_Step" ON "AssessmentSteps" ("SchemeId", "Step");

CREATE UNIQUE INDEX "IX_AssessmentVetoes_SchemeId_Code" ON "AssessmentVetoes" ("SchemeId", "Code");

CREATE INDEX "IX_CityAssessments_RegionPath" ON "CityAssessments" ("RegionPath");

CREATE UNIQUE INDEX "IX_CityAssessments_SchemeId_RegionCode" ON "CityAssessments" ("SchemeId", "RegionCode");
