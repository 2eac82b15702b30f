-- The spot-check list in pinyin order of the enterprise name (SQLite); the migration runner fills existing rows.
ALTER TABLE "SpotChecks" ADD COLUMN "EnterpriseNameSort" TEXT NOT NULL DEFAULT '';
CREATE INDEX "IX_SpotChecks_EnterpriseNameSort_Id" ON "SpotChecks" ("EnterpriseNameSort", "Id");
