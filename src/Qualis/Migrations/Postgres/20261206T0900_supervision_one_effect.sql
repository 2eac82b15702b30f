-- One click, one effect (一次点击，一次生效): what must exist once is said by unique indexes, and the draw and the spot
-- check carry a version checked by every save (PostgreSQL). A database that a double click already drew twice must have the
-- later duplicate draw annulled (or removed with its targets and checks) before this script applies.
ALTER TABLE "Draws" ADD COLUMN "Version" integer NOT NULL DEFAULT 0;
ALTER TABLE "SpotChecks" ADD COLUMN "Version" integer NOT NULL DEFAULT 0;

-- A batch has one draw that is not annulled; its draws are numbered once each.
DROP INDEX "IX_Draws_BatchId";
CREATE UNIQUE INDEX "IX_Draws_ActiveBatch" ON "Draws" ("BatchId") WHERE "Status" <> 'Annulled';
CREATE UNIQUE INDEX "IX_Draws_BatchId_Number" ON "Draws" ("BatchId", "Number");

-- A draw names each enterprise once, in one order; each target has one spot check.
DROP INDEX "IX_DrawTargets_DrawId_Order";
CREATE UNIQUE INDEX "IX_DrawTargets_DrawId_Order" ON "DrawTargets" ("DrawId", "Order");
CREATE UNIQUE INDEX "IX_DrawTargets_DrawId_EnterpriseId" ON "DrawTargets" ("DrawId", "EnterpriseId");
CREATE UNIQUE INDEX "IX_SpotChecks_DrawTargetId" ON "SpotChecks" ("DrawTargetId");

-- One plan of a name per area and year; a plan's batches are numbered once each.
CREATE UNIQUE INDEX "IX_SamplingPlans_RegionCode_Year_Name" ON "SamplingPlans" ("RegionCode", "Year", "Name");
DROP INDEX "IX_PlanBatches_PlanId";
CREATE UNIQUE INDEX "IX_PlanBatches_PlanId_Number" ON "PlanBatches" ("PlanId", "Number");

-- A conflict of interest (回避) is declared once per enterprise and inspector, or enterprise and unit.
CREATE UNIQUE INDEX "IX_Recusals_Inspector" ON "Recusals" ("CreditCode", "InspectorId") WHERE "InspectorId" IS NOT NULL;
CREATE UNIQUE INDEX "IX_Recusals_Unit" ON "Recusals" ("CreditCode", "Unit") WHERE "Unit" IS NOT NULL;
