-- Departments' progress reports on the action plans' measures (部门工作进展) and their evidence files.

CREATE TABLE "DepartmentReports" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "MeasureId" uuid NOT NULL,
    "DepartmentId" uuid NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "Period" character varying(6) NOT NULL,
    "Progress" character varying(2000) NOT NULL,
    "Status" text NOT NULL,
    "ReportedBy" character varying(256) NOT NULL,
    "ReportedAt" timestamp with time zone NOT NULL,
    "DecidedBy" character varying(256),
    "DecidedAt" timestamp with time zone,
    "DecisionNote" character varying(500),
    "PendingKey" character varying(80),
    "Version" integer NOT NULL,
    CONSTRAINT "PK_DepartmentReports" PRIMARY KEY ("Id")
);

CREATE TABLE "DepartmentReportEvidence" (
    "Id" uuid NOT NULL,
    "ReportId" uuid NOT NULL,
    "UploadedAt" timestamp with time zone NOT NULL,
    "FileName" character varying(260) NOT NULL,
    "ContentType" character varying(100) NOT NULL,
    "Bytes" bigint NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "StoredPath" character varying(500) NOT NULL,
    CONSTRAINT "PK_DepartmentReportEvidence" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_DepartmentReportEvidence_ReportId" ON "DepartmentReportEvidence" ("ReportId");

CREATE INDEX "IX_DepartmentReports_DepartmentId_ReportedAt" ON "DepartmentReports" ("DepartmentId", "ReportedAt");

CREATE UNIQUE INDEX "IX_DepartmentReports_PendingKey" ON "DepartmentReports" ("PendingKey");

CREATE INDEX "IX_DepartmentReports_PlanId_Period" ON "DepartmentReports" ("PlanId", "Period");

CREATE INDEX "IX_DepartmentReports_RegionPath" ON "DepartmentReports" ("RegionPath");

-- ReportEvidence takes the shared evidence columns' lengths (Platform/Attachments/EvidenceFile): the stored name may be
-- 200 characters plus its extension, longer than the 200 the column allowed.
ALTER TABLE "ReportEvidence" ALTER COLUMN "FileName" TYPE character varying(260);
ALTER TABLE "ReportEvidence" ALTER COLUMN "StoredPath" TYPE character varying(500);
