-- PostgreSQL reads the table for a draw, so the wide draw index of 0003 only slowed imports: back to the plain
-- region-path index (see EnterpriseConfiguration.RegionIndex). SQLite keeps its covering index.
DROP INDEX "IX_Enterprises_Draw";
CREATE INDEX "IX_Enterprises_RegionPath" ON "Enterprises" ("RegionPath");
