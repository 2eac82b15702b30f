-- Who does what on a spot check (issue 13): substitutions of a drawn team's members (检查人员替换), the agency's test
-- reports filed with the result and the re-test (检验报告), and the reason kept for a late publication (逾期公示说明). SQLite.
CREATE TABLE "TeamSubstitutions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TeamSubstitutions" PRIMARY KEY,
    "SpotCheckId" TEXT NOT NULL,
    "OutInspectorId" TEXT NULL,
    "OutName" TEXT NULL,
    "InInspectorId" TEXT NOT NULL,
    "InName" TEXT NOT NULL,
    "InCertificate" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "By" TEXT NOT NULL
);

CREATE INDEX "IX_TeamSubstitutions_SpotCheckId" ON "TeamSubstitutions" ("SpotCheckId");

ALTER TABLE "SpotChecks" ADD COLUMN "TestReportId" TEXT NULL;
ALTER TABLE "SpotChecks" ADD COLUMN "RetestReportId" TEXT NULL;
ALTER TABLE "SpotChecks" ADD COLUMN "LatePublicationReason" TEXT NULL;
