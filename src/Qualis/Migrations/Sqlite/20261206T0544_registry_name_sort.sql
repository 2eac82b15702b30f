-- Names in pinyin order (拼音排序): each name's stored sort string (PinyinSort), and the indexes the enterprise list's
-- sorts read in order (SQLite). The migration runner fills the sort strings of existing rows after this script
-- (PinyinSortColumns.BackfillAsync).
ALTER TABLE "Enterprises" ADD COLUMN "NameSort" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Inspectors" ADD COLUMN "NameSort" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Parks" ADD COLUMN "NameSort" TEXT NOT NULL DEFAULT '';
ALTER TABLE "TestingAgencies" ADD COLUMN "NameSort" TEXT NOT NULL DEFAULT '';

CREATE INDEX "IX_Enterprises_NameSort_CreditCode_RegionPath" ON "Enterprises" ("NameSort", "CreditCode", "RegionPath");
CREATE INDEX "IX_Enterprises_CreditCode_RegionPath" ON "Enterprises" ("CreditCode", "RegionPath");
CREATE INDEX "IX_Enterprises_RegionPath_NameSort_CreditCode" ON "Enterprises" ("RegionPath", "NameSort", "CreditCode");
CREATE INDEX "IX_Enterprises_EstablishedOn_CreditCode_RegionPath" ON "Enterprises" ("EstablishedOn", "CreditCode", "RegionPath");
CREATE INDEX "IX_Enterprises_Employees_CreditCode_RegionPath" ON "Enterprises" ("Employees", "CreditCode", "RegionPath");
