-- Improvement work (质量提升项目与帮扶): the expert directory (专家库), improvement projects and help plans with their
-- quality comparison, consultations, problems, prescribed measures, tackling and follow-up tasks with notes and evidence (Postgres).
CREATE TABLE "Experts" (
    "Id" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "NameSort" character varying(200) COLLATE "C" NOT NULL,
    "Field" text NOT NULL,
    "Title" character varying(100) NOT NULL,
    "Unit" character varying(200) NOT NULL,
    "Phone" character varying(32),
    "Availability" text NOT NULL,
    "Conflicts" character varying(1000),
    "UserName" character varying(64),
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedBy" character varying(64) NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_Experts" PRIMARY KEY ("Id")
);
CREATE TABLE "ImprovementProjects" (
    "Id" uuid NOT NULL,
    "Kind" text NOT NULL,
    "Title" character varying(200) NOT NULL,
    "SubjectKind" text NOT NULL,
    "KeyObjectId" uuid,
    "SubjectKey" character varying(200) NOT NULL,
    "SubjectName" character varying(200) NOT NULL,
    "SubjectNameSort" character varying(200) COLLATE "C" NOT NULL,
    "CreditCode" character varying(18),
    "IndustryCode" character varying(8),
    "Goal" character varying(2000) NOT NULL,
    "StartOn" date NOT NULL,
    "EndOn" date NOT NULL,
    "Status" text NOT NULL,
    "Needs" character varying(200),
    "HelpingUnits" character varying(2000),
    "Result" character varying(2000),
    "FinishedOn" date,
    "PublishedAt" timestamp with time zone,
    "PublishedBy" character varying(64),
    "OfficeCode" character varying(6) NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedBy" character varying(64) NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_ImprovementProjects" PRIMARY KEY ("Id")
);
CREATE TABLE "ImprovementTasks" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid,
    "MeasureId" uuid,
    "Title" character varying(200) NOT NULL,
    "OwnerKind" text NOT NULL,
    "OwnerName" character varying(200) NOT NULL,
    "OwnerUserName" character varying(64),
    "Deadline" date NOT NULL,
    "Status" text NOT NULL,
    "ClosedOn" date,
    "ClosedBy" character varying(64),
    "CreditCode" character varying(18),
    "EnterpriseName" character varying(200),
    "Source" character varying(200) NOT NULL,
    "OfficeCode" character varying(6) NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedBy" character varying(64) NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_ImprovementTasks" PRIMARY KEY ("Id")
);
CREATE TABLE "ProjectConsultations" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "HeldOn" date NOT NULL,
    "ExpertIds" character varying(1000) NOT NULL,
    "Departments" character varying(500),
    "EnterpriseAttendees" character varying(500),
    "Summary" character varying(2000),
    CONSTRAINT "PK_ProjectConsultations" PRIMARY KEY ("Id")
);
CREATE TABLE "ProjectIndicators" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Unit" character varying(32) NOT NULL,
    "HigherIsBetter" boolean NOT NULL,
    "BenchmarkKind" text NOT NULL,
    "BenchmarkName" character varying(200),
    CONSTRAINT "PK_ProjectIndicators" PRIMARY KEY ("Id")
);
CREATE TABLE "ProjectMeasures" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "ProblemId" uuid NOT NULL,
    "Text" character varying(500) NOT NULL,
    "Actor" character varying(200) NOT NULL,
    "DueOn" date NOT NULL,
    CONSTRAINT "PK_ProjectMeasures" PRIMARY KEY ("Id")
);
CREATE TABLE "ProjectProblems" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "ConsultationId" uuid,
    "Category" text NOT NULL,
    "Rank" integer NOT NULL,
    "Description" character varying(500) NOT NULL,
    CONSTRAINT "PK_ProjectProblems" PRIMARY KEY ("Id")
);
CREATE TABLE "ProjectValues" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "IndicatorId" uuid NOT NULL,
    "Year" integer NOT NULL,
    "Value" numeric(18,4),
    "Benchmark" numeric(18,4),
    CONSTRAINT "PK_ProjectValues" PRIMARY KEY ("Id")
);
CREATE TABLE "TaskEvidence" (
    "Id" uuid NOT NULL,
    "TaskId" uuid NOT NULL,
    "UploadedAt" timestamp with time zone NOT NULL,
    "UploadedBy" character varying(64) NOT NULL,
    "FileName" character varying(260) NOT NULL,
    "ContentType" character varying(100) NOT NULL,
    "Bytes" bigint NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "StoredPath" character varying(500) NOT NULL,
    CONSTRAINT "PK_TaskEvidence" PRIMARY KEY ("Id")
);
CREATE TABLE "TaskNotes" (
    "Id" uuid NOT NULL,
    "TaskId" uuid NOT NULL,
    "Text" character varying(1000) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "By" character varying(64) NOT NULL,
    CONSTRAINT "PK_TaskNotes" PRIMARY KEY ("Id")
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
