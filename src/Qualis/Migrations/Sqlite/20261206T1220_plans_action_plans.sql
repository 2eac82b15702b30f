-- Action plans (质量提升行动方案): plans, measures with their departments, targets and their split, acknowledgements, revisions, reopened periods and reported values with evidence (SQLite).
CREATE TABLE "ActionPlans" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ActionPlans" PRIMARY KEY,
    "Year" INTEGER NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "ParentPlanId" TEXT NULL,
    "CopiedFromId" TEXT NULL,
    "Title" TEXT NOT NULL,
    "DocumentNumber" TEXT NULL,
    "IssuingBody" TEXT NOT NULL,
    "IssuedOn" TEXT NULL,
    "PeriodStart" TEXT NOT NULL,
    "PeriodEnd" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "IssuedBy" TEXT NULL,
    "IssuedAt" TEXT NULL,
    "FrozenBy" TEXT NULL,
    "FrozenAt" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "MeasureDepartments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MeasureDepartments" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "MeasureId" TEXT NOT NULL,
    "DepartmentId" TEXT NOT NULL,
    "Role" TEXT NOT NULL
);

CREATE TABLE "PeriodReopenings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PeriodReopenings" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "Period" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "UserName" TEXT NOT NULL,
    "At" TEXT NOT NULL
);

CREATE TABLE "PlanAcknowledgements" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PlanAcknowledgements" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "UserName" TEXT NOT NULL,
    "DisplayName" TEXT NULL,
    "At" TEXT NOT NULL
);

CREATE TABLE "PlanMeasures" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PlanMeasures" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "ParentId" TEXT NULL,
    "Number" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "Order" INTEGER NOT NULL
);

CREATE TABLE "PlanRevisions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PlanRevisions" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "UserName" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "Reason" TEXT NOT NULL
);

CREATE TABLE "PlanTargets" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PlanTargets" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "MeasureId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "PerCity" INTEGER NOT NULL,
    "Value" TEXT NOT NULL,
    "BaselineYear" INTEGER NULL,
    "DueOn" TEXT NULL,
    "Tolerance" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "IndicatorKey" TEXT NULL,
    "Order" INTEGER NOT NULL
);

CREATE TABLE "ReportEvidence" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ReportEvidence" PRIMARY KEY,
    "ReportId" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Bytes" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "StoredPath" TEXT NOT NULL
);

CREATE TABLE "TargetReports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TargetReports" PRIMARY KEY,
    "TargetId" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Period" TEXT NOT NULL,
    "Value" TEXT NOT NULL,
    "Baseline" TEXT NULL,
    "DeliveredOn" TEXT NULL,
    "Note" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "ReportedBy" TEXT NOT NULL,
    "ReportedAt" TEXT NOT NULL,
    "DecidedBy" TEXT NULL,
    "DecidedAt" TEXT NULL,
    "DecisionNote" TEXT NULL,
    "PendingKey" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "TargetShares" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TargetShares" PRIMARY KEY,
    "TargetId" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Quota" TEXT NOT NULL
);

CREATE INDEX "IX_ActionPlans_ParentPlanId" ON "ActionPlans" ("ParentPlanId");

CREATE UNIQUE INDEX "IX_ActionPlans_RegionCode_Year_Title" ON "ActionPlans" ("RegionCode", "Year", "Title");

CREATE INDEX "IX_ActionPlans_RegionPath" ON "ActionPlans" ("RegionPath");

CREATE INDEX "IX_MeasureDepartments_DepartmentId_PlanId" ON "MeasureDepartments" ("DepartmentId", "PlanId");

CREATE UNIQUE INDEX "IX_MeasureDepartments_MeasureId_DepartmentId" ON "MeasureDepartments" ("MeasureId", "DepartmentId");

CREATE UNIQUE INDEX "IX_PeriodReopenings_PlanId_Period" ON "PeriodReopenings" ("PlanId", "Period");

CREATE UNIQUE INDEX "IX_PlanAcknowledgements_PlanId_RegionCode" ON "PlanAcknowledgements" ("PlanId", "RegionCode");

CREATE INDEX "IX_PlanAcknowledgements_RegionPath" ON "PlanAcknowledgements" ("RegionPath");

CREATE INDEX "IX_PlanMeasures_PlanId_Order" ON "PlanMeasures" ("PlanId", "Order");

CREATE INDEX "IX_PlanRevisions_PlanId_At" ON "PlanRevisions" ("PlanId", "At");

CREATE INDEX "IX_PlanTargets_PlanId_Order" ON "PlanTargets" ("PlanId", "Order");

CREATE INDEX "IX_ReportEvidence_RegionPath" ON "ReportEvidence" ("RegionPath");

CREATE INDEX "IX_ReportEvidence_ReportId" ON "ReportEvidence" ("ReportId");

CREATE UNIQUE INDEX "IX_TargetReports_PendingKey" ON "TargetReports" ("PendingKey");

CREATE INDEX "IX_TargetReports_PlanId_Status" ON "TargetReports" ("PlanId", "Status");

CREATE INDEX "IX_TargetReports_RegionPath" ON "TargetReports" ("RegionPath");

CREATE INDEX "IX_TargetReports_TargetId_RegionCode_Period" ON "TargetReports" ("TargetId", "RegionCode", "Period");

CREATE INDEX "IX_TargetShares_RegionPath" ON "TargetShares" ("RegionPath");

CREATE UNIQUE INDEX "IX_TargetShares_TargetId_RegionCode" ON "TargetShares" ("TargetId", "RegionCode");
