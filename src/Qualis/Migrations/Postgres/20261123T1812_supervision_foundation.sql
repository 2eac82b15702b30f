-- 0003 supervision (监督抽查): the list of inspection items, plans and batches, double-random draws, spot checks (PostgreSQL).

-- The enterprise's credit-risk class (信用风险分类, B until graded) and product categories (产品类别) for the draws.
ALTER TABLE "Enterprises" ADD COLUMN "CreditClass" character varying(1) NOT NULL DEFAULT 'B';

ALTER TABLE "Enterprises" ADD COLUMN "ProductCategories" character varying(500);

CREATE TABLE "InspectionItems" (
    "Id" uuid NOT NULL,
    "Code" character varying(16) NOT NULL,
    "Name" character varying(100) NOT NULL,
    "SubItem" character varying(100),
    "LegalBasis" character varying(500) NOT NULL,
    "Department" character varying(100) NOT NULL,
    "ObjectType" character varying(50) NOT NULL,
    "IsKey" boolean NOT NULL,
    "RatioPercent" numeric(5,2),
    "Count" integer,
    "Frequency" character varying(50) NOT NULL,
    "Method" character varying(50) NOT NULL,
    "InspectorRequirements" character varying(200),
    "ProductCategoryCode" character varying(16),
    "Active" boolean NOT NULL,
    CONSTRAINT "PK_InspectionItems" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_InspectionItems_Code" ON "InspectionItems" ("Code");

CREATE TABLE "SamplingPlans" (
    "Id" uuid NOT NULL,
    "Year" integer NOT NULL,
    "Name" character varying(200) NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_SamplingPlans" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_SamplingPlans_RegionPath" ON "SamplingPlans" ("RegionPath");

CREATE TABLE "PlanBatches" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "Number" integer NOT NULL,
    "Name" character varying(200) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "Settings" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_PlanBatches" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_PlanBatches_PlanId" ON "PlanBatches" ("PlanId");

CREATE INDEX "IX_PlanBatches_RegionPath" ON "PlanBatches" ("RegionPath");

CREATE TABLE "Draws" (
    "Id" uuid NOT NULL,
    "BatchId" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "Number" integer NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "Status" character varying(12) NOT NULL,
    "Commitment" character varying(64) NOT NULL,
    "SnapshotHash" character varying(64) NOT NULL,
    "InputsHash" character varying(64) NOT NULL,
    "Parameters" text NOT NULL,
    "ItemCodes" character varying(200) NOT NULL,
    "Eligible" integer NOT NULL,
    "StrataCount" integer NOT NULL,
    "TargetCount" integer NOT NULL,
    "SealedSeed" character varying(500),
    "Seed" character varying(64),
    "CommittedAt" timestamp with time zone NOT NULL,
    "CommittedBy" character varying(256) NOT NULL,
    "DrawnAt" timestamp with time zone,
    "DrawnBy" character varying(256),
    "Unstaffed" text,
    "AnnulledAt" timestamp with time zone,
    "AnnulledBy" character varying(256),
    "AnnulReason" character varying(500),
    CONSTRAINT "PK_Draws" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_Draws_BatchId" ON "Draws" ("BatchId");

CREATE INDEX "IX_Draws_RegionPath" ON "Draws" ("RegionPath");

CREATE TABLE "DrawArchives" (
    "DrawId" uuid NOT NULL,
    "Snapshot" bytea NOT NULL,
    "Inputs" bytea NOT NULL,
    CONSTRAINT "PK_DrawArchives" PRIMARY KEY ("DrawId")
);

CREATE TABLE "DrawTargets" (
    "Id" uuid NOT NULL,
    "DrawId" uuid NOT NULL,
    "Order" integer NOT NULL,
    "StratumKey" character varying(64) NOT NULL,
    "CreditCode" character varying(18) NOT NULL,
    "EnterpriseId" uuid NOT NULL,
    "EnterpriseName" character varying(200) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "InspectorIds" character varying(1000) NOT NULL,
    "InspectorNames" character varying(500) NOT NULL,
    CONSTRAINT "PK_DrawTargets" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_DrawTargets_CreditCode" ON "DrawTargets" ("CreditCode");

CREATE INDEX "IX_DrawTargets_DrawId_Order" ON "DrawTargets" ("DrawId", "Order");

CREATE INDEX "IX_DrawTargets_RegionPath" ON "DrawTargets" ("RegionPath");

CREATE TABLE "Recusals" (
    "Id" uuid NOT NULL,
    "CreditCode" character varying(18) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "InspectorId" uuid,
    "Unit" character varying(200),
    "Reason" character varying(500) NOT NULL,
    "DeclaredAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Recusals" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_Recusals_CreditCode" ON "Recusals" ("CreditCode");

CREATE INDEX "IX_Recusals_RegionPath" ON "Recusals" ("RegionPath");

CREATE TABLE "SpotChecks" (
    "Id" uuid NOT NULL,
    "DrawId" uuid NOT NULL,
    "DrawTargetId" uuid NOT NULL,
    "EnterpriseId" uuid NOT NULL,
    "CreditCode" character varying(18) NOT NULL,
    "EnterpriseName" character varying(200) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "IndustryCode" character varying(5),
    "ItemCodes" character varying(200) NOT NULL,
    "Status" character varying(12) NOT NULL,
    "ProductCategoryCode" character varying(16),
    "ProductName" character varying(200),
    "Model" character varying(100),
    "BatchNumber" character varying(100),
    "Trademark" character varying(100),
    "TestQuantity" integer,
    "ReserveQuantity" integer,
    "SampledOn" date,
    "SamplingPlace" character varying(200),
    "Samplers" character varying(200),
    "AgencyId" uuid,
    "AgencyName" character varying(200),
    "Result" character varying(8),
    "ResultOn" date,
    "ResultBy" character varying(256),
    "NotifiedOn" date,
    "ObjectionDeadline" date,
    "Objection" character varying(2000),
    "ObjectedOn" date,
    "Decision" character varying(16),
    "DecisionReason" character varying(1000),
    "RetestResult" character varying(8),
    "RetestOn" date,
    "StopSale" boolean NOT NULL,
    "RectificationOrderedOn" date,
    "RectificationDue" date,
    "FollowUpDue" date,
    "FollowUpResult" character varying(8),
    "FollowUpOn" date,
    "Escalated" boolean NOT NULL,
    "InspectionEndedOn" date,
    "PublicationDue" date,
    "PublishedAt" timestamp with time zone,
    CONSTRAINT "PK_SpotChecks" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_SpotChecks_AgencyId" ON "SpotChecks" ("AgencyId");

CREATE INDEX "IX_SpotChecks_CreditCode" ON "SpotChecks" ("CreditCode");

CREATE INDEX "IX_SpotChecks_DrawId" ON "SpotChecks" ("DrawId");

CREATE INDEX "IX_SpotChecks_RegionPath" ON "SpotChecks" ("RegionPath");

CREATE TABLE "SpotCheckFailures" (
    "Id" uuid NOT NULL,
    "SpotCheckId" uuid NOT NULL,
    "Retest" boolean NOT NULL,
    "Item" character varying(200) NOT NULL,
    "Clause" character varying(200) NOT NULL,
    "Required" character varying(200) NOT NULL,
    "Measured" character varying(200) NOT NULL,
    CONSTRAINT "PK_SpotCheckFailures" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_SpotCheckFailures_SpotCheckId" ON "SpotCheckFailures" ("SpotCheckId");

CREATE TABLE "SpotCheckAttachments" (
    "Id" uuid NOT NULL,
    "SpotCheckId" uuid NOT NULL,
    "FileName" character varying(260) NOT NULL,
    "ContentType" character varying(100) NOT NULL,
    "Bytes" bigint NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "StoredPath" character varying(500) NOT NULL,
    "UploadedAt" timestamp with time zone NOT NULL,
    "UploadedBy" character varying(256) NOT NULL,
    CONSTRAINT "PK_SpotCheckAttachments" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_SpotCheckAttachments_SpotCheckId" ON "SpotCheckAttachments" ("SpotCheckId");

CREATE TABLE "ResultCorrections" (
    "Id" uuid NOT NULL,
    "SpotCheckId" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "By" character varying(256) NOT NULL,
    "Field" character varying(64) NOT NULL,
    "Before" character varying(500),
    "After" character varying(500),
    "Reason" character varying(500) NOT NULL,
    CONSTRAINT "PK_ResultCorrections" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_ResultCorrections_SpotCheckId" ON "ResultCorrections" ("SpotCheckId");

-- The region-path index becomes one that also covers what a draw reads (see Enterprise.cs).
DROP INDEX "IX_Enterprises_RegionPath";
CREATE INDEX "IX_Enterprises_Draw" ON "Enterprises" ("RegionPath", "Status", "CreditClass", "IndustryCode", "Size", "RegionCode", "CreditCode");
