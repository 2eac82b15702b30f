-- Quality-work assessment (质量工作考核): schemes with their scoring sheet, calendar, veto rules and published results; each city's assessment, item scores, evidence, on-site checks and vetoes (SQLite).
CREATE TABLE "AssessmentCityVetoes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AssessmentCityVetoes" PRIMARY KEY,
    "CityAssessmentId" TEXT NOT NULL,
    "VetoCode" TEXT NOT NULL,
    "Reason" TEXT NOT NULL
);

CREATE TABLE "AssessmentEvidence" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AssessmentEvidence" PRIMARY KEY,
    "CityAssessmentId" TEXT NOT NULL,
    "ItemCode" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Bytes" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "StoredPath" TEXT NOT NULL,
    "UploadedAt" TEXT NOT NULL,
    "UploadedBy" TEXT NOT NULL
);

CREATE TABLE "AssessmentItems" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AssessmentItems" PRIMARY KEY,
    "SchemeId" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "ParentCode" TEXT NULL,
    "Name" TEXT NOT NULL,
    "Order" INTEGER NOT NULL,
    "MaxPoints" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "Target" TEXT NULL,
    "DeductionPerUnit" TEXT NULL,
    "RankPoints" TEXT NULL,
    "IndicatorKey" TEXT NULL,
    "Rule" TEXT NULL,
    "Department" TEXT NULL,
    "Method" TEXT NULL,
    "Evidence" TEXT NULL
);

CREATE TABLE "AssessmentItemScores" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AssessmentItemScores" PRIMARY KEY,
    "CityAssessmentId" TEXT NOT NULL,
    "ItemCode" TEXT NOT NULL,
    "ClaimedValue" TEXT NULL,
    "ClaimedMet" INTEGER NULL,
    "PlatformValue" TEXT NULL,
    "PlatformLink" TEXT NULL,
    "Note" TEXT NULL,
    "Review" TEXT NOT NULL,
    "AdjustedPoints" TEXT NULL,
    "ReviewReason" TEXT NULL,
    "ReviewedBy" TEXT NULL,
    "ReviewedAt" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "AssessmentResults" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AssessmentResults" PRIMARY KEY,
    "SchemeId" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "Score" TEXT NOT NULL,
    "Grade" TEXT NOT NULL,
    "Rank" INTEGER NOT NULL,
    "Vetoed" INTEGER NOT NULL,
    "Lines" TEXT NOT NULL
);

CREATE TABLE "AssessmentSchemes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AssessmentSchemes" PRIMARY KEY,
    "Year" INTEGER NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Total" TEXT NOT NULL,
    "GradeBands" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "SummaryDue" TEXT NULL,
    "SummaryItemCode" TEXT NULL,
    "PublishedAt" TEXT NULL,
    "ResultsPublishedAt" TEXT NULL,
    "ResultsHash" TEXT NULL,
    "CopiedFromId" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "AssessmentSiteChecks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AssessmentSiteChecks" PRIMARY KEY,
    "CityAssessmentId" TEXT NOT NULL,
    "VisitedOn" TEXT NOT NULL,
    "Site" TEXT NOT NULL,
    "Unannounced" INTEGER NOT NULL,
    "Findings" TEXT NOT NULL
);

CREATE TABLE "AssessmentSteps" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AssessmentSteps" PRIMARY KEY,
    "SchemeId" TEXT NOT NULL,
    "Step" TEXT NOT NULL,
    "Deadline" TEXT NOT NULL
);

CREATE TABLE "AssessmentVetoes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AssessmentVetoes" PRIMARY KEY,
    "SchemeId" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Grade" TEXT NOT NULL
);

CREATE TABLE "CityAssessments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CityAssessments" PRIMARY KEY,
    "SchemeId" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Stage" TEXT NOT NULL,
    "TargetsFiledOn" TEXT NULL,
    "Note" TEXT NULL,
    "SelfSubmittedAt" TEXT NULL,
    "SummarySubmittedOn" TEXT NULL,
    "Summary" TEXT NULL,
    "RectificationDue" TEXT NULL,
    "Rectification" TEXT NULL,
    "RectificationSubmittedOn" TEXT NULL,
    "Version" INTEGER NOT NULL
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
