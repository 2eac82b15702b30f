-- The enterprise list's sort indexes carry the filter columns (status, size, industry) after the region path, so a
-- filtered page read in a sort's order checks its filters in the index and never reads the rows it passes over; and
-- one index for the size filter sorted by employees, the two being tied (the size is mostly derived from the
-- employees, so small firms sit together in employee order and a walk of the plain employee index would pass every
-- larger firm first). See EnterpriseFilter.PageAsync and docs/benchmarks.md.
DROP INDEX "IX_Enterprises_NameSort_CreditCode_RegionPath";
DROP INDEX "IX_Enterprises_CreditCode_RegionPath";
DROP INDEX "IX_Enterprises_EstablishedOn_CreditCode_RegionPath";
DROP INDEX "IX_Enterprises_Employees_CreditCode_RegionPath";
CREATE INDEX "IX_Enterprises_List_Name" ON "Enterprises" ("NameSort", "CreditCode", "RegionPath", "Status", "Size", "IndustryCode");
CREATE INDEX "IX_Enterprises_List_Code" ON "Enterprises" ("CreditCode", "RegionPath", "Status", "Size", "IndustryCode");
CREATE INDEX "IX_Enterprises_List_Established" ON "Enterprises" ("EstablishedOn", "CreditCode", "RegionPath", "Status", "Size", "IndustryCode");
CREATE INDEX "IX_Enterprises_List_Employees" ON "Enterprises" ("Employees", "CreditCode", "RegionPath", "Status", "Size", "IndustryCode");
CREATE INDEX "IX_Enterprises_List_SizeEmployees" ON "Enterprises" ("Size", "Employees", "CreditCode", "RegionPath", "Status", "IndustryCode");
