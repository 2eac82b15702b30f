-- Action plans (质量提升行动方案): plans, measures with their departments, targets and their split, acknowledgements, revisions, reopened periods and reported values with evidence (PostgreSQL).
CREATE TABLE "ActionPlans" (
    "Id" uuid NOT NULL,
    "Year" integer NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "ParentPlanId" uuid,
    "CopiedFromId" uuid,
    "Title" character varying(200) NOT NULL,
    "DocumentNumber" character varying(60),
    "IssuingBody" character varying(100) NOT NULL,
    "IssuedOn" date,
    "PeriodStart" date NOT NULL,
    "PeriodEnd" date NOT NULL,
    "Status" text NOT NULL,
    "IssuedBy" character varying(256),
    "IssuedAt" timestamp with time zone,
    "FrozenBy" character varying(256),
    "FrozenAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_ActionPlans" PRIMARY KEY ("Id")
);

CREATE TABLE "MeasureDepartments" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "MeasureId" uuid NOT NULL,
    "DepartmentId" uuid NOT NULL,
    "Role" text NOT NULL,
    CONSTRAINT "PK_MeasureDepartments" PRIMARY KEY ("Id")
);

CREATE TABLE "PeriodReopenings" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "Period" character varying(6) NOT NULL,
    "Reason" character varying(500) NOT NULL,
    "UserName" character varying(256) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_PeriodReopenings" PRIMARY KEY ("Id")
);

CREATE TABLE "PlanAcknowledgements" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "UserName" character varying(256) NOT NULL,
    "DisplayName" character varying(100),
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_PlanAcknowledgements" PRIMARY KEY ("Id")
);

CREATE TABLE "PlanMeasures" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "ParentId" uuid,
    "Number" character varying(20) NOT NULL,
    "Text" character varying(2000) NOT NULL,
    "Order" integer NOT NULL,
    CONSTRAINT "PK_PlanMeasures" PRIMARY KEY ("Id")
);

CREATE TABLE "PlanRevisions" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "UserName" character varying(256) NOT NULL,
    "Summary" character varying(500) NOT NULL,
    "Reason" character varying(500) NOT NULL,
    CONSTRAINT "PK_PlanRevisions" PRIMARY KEY ("Id")
);

CREATE TABLE "PlanTargets" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "MeasureId" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Kind" text NOT NULL,
    "PerCity" boolean NOT NULL,
    "Value" numeric(18,4) NOT NULL,
    "BaselineYear" integer,
    "DueOn" date,
    "Tolerance" numeric(9,2) NOT NULL,
    "Source" text NOT NULL,
    "IndicatorKey" character varying(80),
    "Order" integer NOT NULL,
    CONSTRAINT "PK_PlanTargets" PRIMARY KEY ("Id")
);

CREATE TABLE "ReportEvidence" (
    "Id" uuid NOT NULL,
    "ReportId" uuid NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "FileName" character varying(200) NOT NULL,
    "ContentType" character varying(100) NOT NULL,
    "Bytes" bigint NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "StoredPath" character varying(300) NOT NULL,
    CONSTRAINT "PK_ReportEvidence" PRIMARY KEY ("Id")
);

CREATE TABLE "TargetReports" (
    "Id" uuid NOT NULL,
    "TargetId" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "Period" character varying(6) NOT NULL,
    "Value" numeric(18,4) NOT NULL,
    "Baseline" numeric(18,4),
    "DeliveredOn" date,
    "Note" character varying(1000) NOT NULL,
    "Status" text NOT NULL,
    "ReportedBy" character varying(256) NOT NULL,
    "ReportedAt" timestamp with time zone NOT NULL,
    "DecidedBy" character varying(256),
    "DecidedAt" timestamp with time zone,
    "DecisionNote" character varying(1000),
    "PendingKey" character varying(60),
    "Version" integer NOT NULL,
    CONSTRAINT "PK_TargetReports" PRIMARY KEY ("Id")
);

CREATE TABLE "TargetShares" (
    "Id" uuid NOT NULL,
    "TargetId" uuid NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "Quota" numeric(18,4) NOT NULL,
    CONSTRAINT "PK_TargetShares" PRIMARY KEY ("Id")
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
