-- Improvement work (质量提升项目与帮扶): the expert directory (专家库), improvement projects and help plans with their
-- quality comparison, consultations, problems, prescribed measures, tackling and follow-up tasks with notes and evidence (Sqlite).
CREATE TABLE "Experts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Experts" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "NameSort" TEXT NOT NULL,
    "Field" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Unit" TEXT NOT NULL,
    "Phone" TEXT NULL,
    "Availability" TEXT NOT NULL,
    "Conflicts" TEXT NULL,
    "UserName" TEXT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);
CREATE TABLE "ImprovementProjects" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ImprovementProjects" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "SubjectKind" TEXT NOT NULL,
    "KeyObjectId" TEXT NULL,
    "SubjectKey" TEXT NOT NULL,
    "SubjectName" TEXT NOT NULL,
    "SubjectNameSort" TEXT NOT NULL,
    "CreditCode" TEXT NULL,
    "IndustryCode" TEXT NULL,
    "Goal" TEXT NOT NULL,
    "StartOn" TEXT NOT NULL,
    "EndOn" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Needs" TEXT NULL,
    "HelpingUnits" TEXT NULL,
    "Result" TEXT NULL,
    "FinishedOn" TEXT NULL,
    "PublishedAt" TEXT NULL,
    "PublishedBy" TEXT NULL,
    "OfficeCode" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);
CREATE TABLE "ImprovementTasks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ImprovementTasks" PRIMARY KEY,
    "ProjectId" TEXT NULL,
    "MeasureId" TEXT NULL,
    "Title" TEXT NOT NULL,
    "OwnerKind" TEXT NOT NULL,
    "OwnerName" TEXT NOT NULL,
    "OwnerUserName" TEXT NULL,
    "Deadline" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "ClosedOn" TEXT NULL,
    "ClosedBy" TEXT NULL,
    "CreditCode" TEXT NULL,
    "EnterpriseName" TEXT NULL,
    "Source" TEXT NOT NULL,
    "OfficeCode" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);
CREATE TABLE "ProjectConsultations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ProjectConsultations" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "HeldOn" TEXT NOT NULL,
    "ExpertIds" TEXT NOT NULL,
    "Departments" TEXT NULL,
    "EnterpriseAttendees" TEXT NULL,
    "Summary" TEXT NULL
);
CREATE TABLE "ProjectIndicators" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ProjectIndicators" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Unit" TEXT NOT NULL,
    "HigherIsBetter" INTEGER NOT NULL,
    "BenchmarkKind" TEXT NOT NULL,
    "BenchmarkName" TEXT NULL
);
CREATE TABLE "ProjectMeasures" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ProjectMeasures" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "ProblemId" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "DueOn" TEXT NOT NULL
);
CREATE TABLE "ProjectProblems" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ProjectProblems" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "ConsultationId" TEXT NULL,
    "Category" TEXT NOT NULL,
    "Rank" INTEGER NOT NULL,
    "Description" TEXT NOT NULL
);
CREATE TABLE "ProjectValues" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ProjectValues" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "IndicatorId" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "Value" TEXT NULL,
    "Benchmark" TEXT NULL
);
CREATE TABLE "TaskEvidence" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TaskEvidence" PRIMARY KEY,
    "TaskId" TEXT NOT NULL,
    "UploadedAt" TEXT NOT NULL,
    "UploadedBy" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Bytes" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "StoredPath" TEXT NOT NULL
);
CREATE TABLE "TaskNotes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TaskNotes" PRIMARY KEY,
    "TaskId" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "By" TEXT NOT NULL
);
CREATE INDEX "IX_Experts_List" ON "Experts" ("NameSort", "Id");
CREATE UNIQUE INDEX "IX_Experts_Once" ON "Experts" ("RegionCode", "Name", "Unit");
CREATE INDEX "IX_Experts_RegionPath" ON "Experts" ("RegionPath");
CREATE INDEX "IX_Experts_UserName" ON "Experts" ("UserName");
CREATE INDEX "IX_ImprovementProjects_CreditCode" ON "ImprovementProjects" ("CreditCode");
CREATE INDEX "IX_ImprovementProjects_List" ON "ImprovementProjects" ("StartOn", "SubjectNameSort", "Id");
CREATE UNIQUE INDEX "IX_ImprovementProjects_Once" ON "ImprovementProjects" ("SubjectKey", "Kind", "Title");
CREATE INDEX "IX_ImprovementProjects_PublishedAt" ON "ImprovementProjects" ("PublishedAt");
CREATE INDEX "IX_ImprovementProjects_RegionPath" ON "ImprovementProjects" ("RegionPath");
CREATE INDEX "IX_ImprovementTasks_CreditCode_Status" ON "ImprovementTasks" ("CreditCode", "Status");
CREATE UNIQUE INDEX "IX_ImprovementTasks_FollowUpOnce" ON "ImprovementTasks" ("CreditCode", "Source", "Title") WHERE "ProjectId" IS NULL;
CREATE INDEX "IX_ImprovementTasks_OfficeCode_Status_Deadline" ON "ImprovementTasks" ("OfficeCode", "Status", "Deadline");
CREATE UNIQUE INDEX "IX_ImprovementTasks_Once" ON "ImprovementTasks" ("ProjectId", "Title") WHERE "ProjectId" IS NOT NULL;
CREATE INDEX "IX_ImprovementTasks_OwnerUserName_Status" ON "ImprovementTasks" ("OwnerUserName", "Status");
CREATE INDEX "IX_ImprovementTasks_RegionPath" ON "ImprovementTasks" ("RegionPath");
CREATE UNIQUE INDEX "IX_ProjectConsultations_ProjectId_HeldOn" ON "ProjectConsultations" ("ProjectId", "HeldOn");
CREATE UNIQUE INDEX "IX_ProjectIndicators_ProjectId_Name" ON "ProjectIndicators" ("ProjectId", "Name");
CREATE UNIQUE INDEX "IX_ProjectMeasures_ProblemId_Text" ON "ProjectMeasures" ("ProblemId", "Text");
CREATE INDEX "IX_ProjectMeasures_ProjectId" ON "ProjectMeasures" ("ProjectId");
CREATE UNIQUE INDEX "IX_ProjectProblems_ProjectId_Description" ON "ProjectProblems" ("ProjectId", "Description");
CREATE UNIQUE INDEX "IX_ProjectValues_IndicatorId_Year" ON "ProjectValues" ("IndicatorId", "Year");
CREATE INDEX "IX_ProjectValues_ProjectId" ON "ProjectValues" ("ProjectId");
CREATE INDEX "IX_TaskEvidence_TaskId" ON "TaskEvidence" ("TaskId");
CREATE INDEX "IX_TaskNotes_TaskId" ON "TaskNotes" ("TaskId");
