-- Who does what on a spot check (issue 13): substitutions of a drawn team's members (检查人员替换), the agency's test
-- reports filed with the result and the re-test (检验报告), and the reason kept for a late publication (逾期公示说明). PostgreSQL.
CREATE TABLE "TeamSubstitutions" (
    "Id" uuid NOT NULL,
    "SpotCheckId" uuid NOT NULL,
    "OutInspectorId" uuid,
    "OutName" character varying(64),
    "InInspectorId" uuid NOT NULL,
    "InName" character varying(64) NOT NULL,
    "InCertificate" character varying(32) NOT NULL,
    "Reason" character varying(500) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "By" character varying(256) NOT NULL,
    CONSTRAINT "PK_TeamSubstitutions" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_TeamSubstitutions_SpotCheckId" ON "TeamSubstitutions" ("SpotCheckId");

ALTER TABLE "SpotChecks" ADD COLUMN "TestReportId" uuid;
ALTER TABLE "SpotChecks" ADD COLUMN "RetestReportId" uuid;
ALTER TABLE "SpotChecks" ADD COLUMN "LatePublicationReason" character varying(500);
