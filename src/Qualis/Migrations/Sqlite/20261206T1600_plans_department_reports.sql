-- Departments' progress reports on the action plans' measures (部门工作进展) and their evidence files.

CREATE TABLE "DepartmentReports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DepartmentReports" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "MeasureId" TEXT NOT NULL,
    "DepartmentId" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Period" TEXT NOT NULL,
    "Progress" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "ReportedBy" TEXT NOT NULL,
    "ReportedAt" TEXT NOT NULL,
    "DecidedBy" TEXT NULL,
    "DecidedAt" TEXT NULL,
    "DecisionNote" TEXT NULL,
    "PendingKey" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "DepartmentReportEvidence" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DepartmentReportEvidence" PRIMARY KEY,
    "ReportId" TEXT NOT NULL,
    "UploadedAt" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Bytes" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "StoredPath" TEXT NOT NULL
);

CREATE INDEX "IX_DepartmentReportEvidence_ReportId" ON "DepartmentReportEvidence" ("ReportId");

CREATE INDEX "IX_DepartmentReports_DepartmentId_ReportedAt" ON "DepartmentReports" ("DepartmentId", "ReportedAt");

CREATE UNIQUE INDEX "IX_DepartmentReports_PendingKey" ON "DepartmentReports" ("PendingKey");

CREATE INDEX "IX_DepartmentReports_PlanId_Period" ON "DepartmentReports" ("PlanId", "Period");

CREATE INDEX "IX_DepartmentReports_RegionPath" ON "DepartmentReports" ("RegionPath");

-- ReportEvidence takes the shared evidence columns' lengths (FileName 260, StoredPath 500): SQLite keeps no length, so nothing to change here.
