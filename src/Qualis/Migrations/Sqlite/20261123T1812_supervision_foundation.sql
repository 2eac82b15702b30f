-- 0003 supervision (监督抽查): the list of inspection items, plans and batches, double-random draws, spot checks (SQLite).

-- The enterprise's credit-risk class (信用风险分类, B until graded) and product categories (产品类别) for the draws.
ALTER TABLE "Enterprises" ADD COLUMN "CreditClass" TEXT NOT NULL DEFAULT 'B';

ALTER TABLE "Enterprises" ADD COLUMN "ProductCategories" TEXT NULL;

CREATE TABLE "InspectionItems" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_InspectionItems" PRIMARY KEY,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "SubItem" TEXT NULL,
    "LegalBasis" TEXT NOT NULL,
    "Department" TEXT NOT NULL,
    "ObjectType" TEXT NOT NULL,
    "IsKey" INTEGER NOT NULL,
    "RatioPercent" TEXT NULL,
    "Count" INTEGER NULL,
    "Frequency" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    "InspectorRequirements" TEXT NULL,
    "ProductCategoryCode" TEXT NULL,
    "Active" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_InspectionItems_Code" ON "InspectionItems" ("Code");

CREATE TABLE "SamplingPlans" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SamplingPlans" PRIMARY KEY,
    "Year" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE INDEX "IX_SamplingPlans_RegionPath" ON "SamplingPlans" ("RegionPath");

CREATE TABLE "PlanBatches" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PlanBatches" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Settings" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE INDEX "IX_PlanBatches_PlanId" ON "PlanBatches" ("PlanId");

CREATE INDEX "IX_PlanBatches_RegionPath" ON "PlanBatches" ("RegionPath");

CREATE TABLE "Draws" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Draws" PRIMARY KEY,
    "BatchId" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Commitment" TEXT NOT NULL,
    "SnapshotHash" TEXT NOT NULL,
    "InputsHash" TEXT NOT NULL,
    "Parameters" TEXT NOT NULL,
    "ItemCodes" TEXT NOT NULL,
    "Eligible" INTEGER NOT NULL,
    "StrataCount" INTEGER NOT NULL,
    "TargetCount" INTEGER NOT NULL,
    "SealedSeed" TEXT NULL,
    "Seed" TEXT NULL,
    "CommittedAt" TEXT NOT NULL,
    "CommittedBy" TEXT NOT NULL,
    "DrawnAt" TEXT NULL,
    "DrawnBy" TEXT NULL,
    "Unstaffed" TEXT NULL,
    "AnnulledAt" TEXT NULL,
    "AnnulledBy" TEXT NULL,
    "AnnulReason" TEXT NULL
);

CREATE INDEX "IX_Draws_BatchId" ON "Draws" ("BatchId");

CREATE INDEX "IX_Draws_RegionPath" ON "Draws" ("RegionPath");

CREATE TABLE "DrawArchives" (
    "DrawId" TEXT NOT NULL CONSTRAINT "PK_DrawArchives" PRIMARY KEY,
    "Snapshot" BLOB NOT NULL,
    "Inputs" BLOB NOT NULL
);

CREATE TABLE "DrawTargets" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DrawTargets" PRIMARY KEY,
    "DrawId" TEXT NOT NULL,
    "Order" INTEGER NOT NULL,
    "StratumKey" TEXT NOT NULL,
    "CreditCode" TEXT NOT NULL,
    "EnterpriseId" TEXT NOT NULL,
    "EnterpriseName" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "InspectorIds" TEXT NOT NULL,
    "InspectorNames" TEXT NOT NULL
);

CREATE INDEX "IX_DrawTargets_CreditCode" ON "DrawTargets" ("CreditCode");

CREATE INDEX "IX_DrawTargets_DrawId_Order" ON "DrawTargets" ("DrawId", "Order");

CREATE INDEX "IX_DrawTargets_RegionPath" ON "DrawTargets" ("RegionPath");

CREATE TABLE "Recusals" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Recusals" PRIMARY KEY,
    "CreditCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "InspectorId" TEXT NULL,
    "Unit" TEXT NULL,
    "Reason" TEXT NOT NULL,
    "DeclaredAt" TEXT NOT NULL
);

CREATE INDEX "IX_Recusals_CreditCode" ON "Recusals" ("CreditCode");

CREATE INDEX "IX_Recusals_RegionPath" ON "Recusals" ("RegionPath");

CREATE TABLE "SpotChecks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SpotChecks" PRIMARY KEY,
    "DrawId" TEXT NOT NULL,
    "DrawTargetId" TEXT NOT NULL,
    "EnterpriseId" TEXT NOT NULL,
    "CreditCode" TEXT NOT NULL,
    "EnterpriseName" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "IndustryCode" TEXT NULL,
    "ItemCodes" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "ProductCategoryCode" TEXT NULL,
    "ProductName" TEXT NULL,
    "Model" TEXT NULL,
    "BatchNumber" TEXT NULL,
    "Trademark" TEXT NULL,
    "TestQuantity" INTEGER NULL,
    "ReserveQuantity" INTEGER NULL,
    "SampledOn" TEXT NULL,
    "SamplingPlace" TEXT NULL,
    "Samplers" TEXT NULL,
    "AgencyId" TEXT NULL,
    "AgencyName" TEXT NULL,
    "Result" TEXT NULL,
    "ResultOn" TEXT NULL,
    "ResultBy" TEXT NULL,
    "NotifiedOn" TEXT NULL,
    "ObjectionDeadline" TEXT NULL,
    "Objection" TEXT NULL,
    "ObjectedOn" TEXT NULL,
    "Decision" TEXT NULL,
    "DecisionReason" TEXT NULL,
    "RetestResult" TEXT NULL,
    "RetestOn" TEXT NULL,
    "StopSale" INTEGER NOT NULL,
    "RectificationOrderedOn" TEXT NULL,
    "RectificationDue" TEXT NULL,
    "FollowUpDue" TEXT NULL,
    "FollowUpResult" TEXT NULL,
    "FollowUpOn" TEXT NULL,
    "Escalated" INTEGER NOT NULL,
    "InspectionEndedOn" TEXT NULL,
    "PublicationDue" TEXT NULL,
    "PublishedAt" TEXT NULL
);

CREATE INDEX "IX_SpotChecks_AgencyId" ON "SpotChecks" ("AgencyId");

CREATE INDEX "IX_SpotChecks_CreditCode" ON "SpotChecks" ("CreditCode");

CREATE INDEX "IX_SpotChecks_DrawId" ON "SpotChecks" ("DrawId");

CREATE INDEX "IX_SpotChecks_RegionPath" ON "SpotChecks" ("RegionPath");

CREATE TABLE "SpotCheckFailures" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SpotCheckFailures" PRIMARY KEY,
    "SpotCheckId" TEXT NOT NULL,
    "Retest" INTEGER NOT NULL,
    "Item" TEXT NOT NULL,
    "Clause" TEXT NOT NULL,
    "Required" TEXT NOT NULL,
    "Measured" TEXT NOT NULL
);

CREATE INDEX "IX_SpotCheckFailures_SpotCheckId" ON "SpotCheckFailures" ("SpotCheckId");

CREATE TABLE "SpotCheckAttachments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SpotCheckAttachments" PRIMARY KEY,
    "SpotCheckId" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Bytes" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "StoredPath" TEXT NOT NULL,
    "UploadedAt" TEXT NOT NULL,
    "UploadedBy" TEXT NOT NULL
);

CREATE INDEX "IX_SpotCheckAttachments_SpotCheckId" ON "SpotCheckAttachments" ("SpotCheckId");

CREATE TABLE "ResultCorrections" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ResultCorrections" PRIMARY KEY,
    "SpotCheckId" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "By" TEXT NOT NULL,
    "Field" TEXT NOT NULL,
    "Before" TEXT NULL,
    "After" TEXT NULL,
    "Reason" TEXT NOT NULL
);

CREATE INDEX "IX_ResultCorrections_SpotCheckId" ON "ResultCorrections" ("SpotCheckId");

-- The region-path index becomes one that also covers what a draw reads (see Enterprise.cs).
DROP INDEX "IX_Enterprises_RegionPath";
CREATE INDEX "IX_Enterprises_Draw" ON "Enterprises" ("RegionPath", "Status", "CreditClass", "IndustryCode", "Size", "RegionCode", "CreditCode");
