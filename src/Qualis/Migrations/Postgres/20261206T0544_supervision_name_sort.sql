-- The spot-check list in pinyin order of the enterprise name (PostgreSQL); the migration runner fills existing rows.
ALTER TABLE "SpotChecks" ADD COLUMN "EnterpriseNameSort" character varying(200) COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE "SpotChecks" ALTER COLUMN "EnterpriseNameSort" DROP DEFAULT;
CREATE INDEX "IX_SpotChecks_EnterpriseNameSort_Id" ON "SpotChecks" ("EnterpriseNameSort", "Id");
