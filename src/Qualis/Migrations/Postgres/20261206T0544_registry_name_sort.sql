-- Names in pinyin order (拼音排序): each name's stored sort string (PinyinSort), compared bytewise, and the indexes the
-- enterprise list's sorts read in order (PostgreSQL). The migration runner fills the sort strings of existing rows
-- after this script (PinyinSortColumns.BackfillAsync); the defaults only let the columns be added to full tables.
ALTER TABLE "Enterprises" ADD COLUMN "NameSort" character varying(200) COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE "Enterprises" ALTER COLUMN "NameSort" DROP DEFAULT;
ALTER TABLE "Inspectors" ADD COLUMN "NameSort" character varying(200) COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE "Inspectors" ALTER COLUMN "NameSort" DROP DEFAULT;
ALTER TABLE "Parks" ADD COLUMN "NameSort" character varying(200) COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE "Parks" ALTER COLUMN "NameSort" DROP DEFAULT;
ALTER TABLE "TestingAgencies" ADD COLUMN "NameSort" character varying(200) COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE "TestingAgencies" ALTER COLUMN "NameSort" DROP DEFAULT;

CREATE INDEX "IX_Enterprises_NameSort_CreditCode_RegionPath" ON "Enterprises" ("NameSort", "CreditCode", "RegionPath");
CREATE INDEX "IX_Enterprises_CreditCode_RegionPath" ON "Enterprises" ("CreditCode", "RegionPath");
CREATE INDEX "IX_Enterprises_RegionPath_NameSort_CreditCode" ON "Enterprises" ("RegionPath", "NameSort", "CreditCode");
CREATE INDEX "IX_Enterprises_EstablishedOn_CreditCode_RegionPath" ON "Enterprises" ("EstablishedOn", "CreditCode", "RegionPath");
CREATE INDEX "IX_Enterprises_Employees_CreditCode_RegionPath" ON "Enterprises" ("Employees", "CreditCode", "RegionPath");
-- The region-and-name index serves every area filter the plain region-path index served.
DROP INDEX "IX_Enterprises_RegionPath";
