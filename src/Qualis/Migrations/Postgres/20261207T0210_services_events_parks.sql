-- Services to small firms (服务零距离): mobile quality clinics and other service events with the firms that came, what was
-- diagnosed and the follow-up; quality-strong park programmes with their service plan, member firms and progress reports (Postgres).
CREATE TABLE "ParkProgrammeMembers" (
    "Id" uuid NOT NULL,
    "ProgrammeId" uuid NOT NULL,
    "ProgrammeTitle" character varying(200) NOT NULL,
    "CreditCode" character varying(18) NOT NULL,
    "EnterpriseName" character varying(200) NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "JoinedOn" date NOT NULL,
    "AddedBy" character varying(64) NOT NULL,
    CONSTRAINT "PK_ParkProgrammeMembers" PRIMARY KEY ("Id")
);
CREATE TABLE "ParkProgrammeReports" (
    "Id" uuid NOT NULL,
    "ProgrammeId" uuid NOT NULL,
    "ReportedOn" date NOT NULL,
    "Progress" character varying(2000) NOT NULL,
    "ReportedAt" timestamp with time zone NOT NULL,
    "ReportedBy" character varying(64) NOT NULL,
    CONSTRAINT "PK_ParkProgrammeReports" PRIMARY KEY ("Id")
);
CREATE TABLE "ParkProgrammes" (
    "Id" uuid NOT NULL,
    "ParkId" uuid NOT NULL,
    "ParkName" character varying(200) NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Year" integer NOT NULL,
    "StartsOn" date NOT NULL,
    "EndsOn" date,
    "ServicePlan" character varying(4000) NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedBy" character varying(64) NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_ParkProgrammes" PRIMARY KEY ("Id")
);
CREATE TABLE "ServiceEventFirms" (
    "Id" uuid NOT NULL,
    "EventId" uuid NOT NULL,
    "EventKind" text NOT NULL,
    "EventDate" date NOT NULL,
    "EventTitle" character varying(200) NOT NULL,
    "CreditCode" character varying(18) NOT NULL,
    "EnterpriseName" character varying(200) NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "ProblemArea" text,
    "Problems" character varying(1000),
    "FollowUp" character varying(1000),
    "FollowUpDue" date,
    "FollowUpDoneOn" date,
    "FollowUpResult" character varying(1000),
    "AddedAt" timestamp with time zone NOT NULL,
    "AddedBy" character varying(64) NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_ServiceEventFirms" PRIMARY KEY ("Id")
);
CREATE TABLE "ServiceEvents" (
    "Id" uuid NOT NULL,
    "Kind" text NOT NULL,
    "Mode" text NOT NULL,
    "Title" character varying(200) NOT NULL,
    "HeldOn" date NOT NULL,
    "Place" character varying(200) NOT NULL,
    "ParkId" uuid,
    "ParkName" character varying(200),
    "Industry" character varying(100),
    "Experts" character varying(500),
    "Note" character varying(1000),
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedBy" character varying(64) NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_ServiceEvents" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_ParkProgrammeMembers_CreditCode" ON "ParkProgrammeMembers" ("CreditCode");
CREATE UNIQUE INDEX "IX_ParkProgrammeMembers_Once" ON "ParkProgrammeMembers" ("ProgrammeId", "CreditCode");
CREATE INDEX "IX_ParkProgrammeMembers_RegionPath" ON "ParkProgrammeMembers" ("RegionPath");
CREATE UNIQUE INDEX "IX_ParkProgrammeReports_ProgrammeId_ReportedOn" ON "ParkProgrammeReports" ("ProgrammeId", "ReportedOn");
CREATE UNIQUE INDEX "IX_ParkProgrammes_Once" ON "ParkProgrammes" ("ParkId", "Year");
CREATE INDEX "IX_ParkProgrammes_RegionPath" ON "ParkProgrammes" ("RegionPath");
CREATE INDEX "IX_ParkProgrammes_Year_Id" ON "ParkProgrammes" ("Year", "Id");
CREATE INDEX "IX_ServiceEventFirms_Count" ON "ServiceEventFirms" ("EventDate", "RegionPath");
CREATE INDEX "IX_ServiceEventFirms_CreditCode" ON "ServiceEventFirms" ("CreditCode");
CREATE UNIQUE INDEX "IX_ServiceEventFirms_Once" ON "ServiceEventFirms" ("EventId", "CreditCode");
CREATE INDEX "IX_ServiceEventFirms_RegionPath" ON "ServiceEventFirms" ("RegionPath");
CREATE INDEX "IX_ServiceEvents_Count" ON "ServiceEvents" ("Kind", "HeldOn", "RegionPath");
CREATE INDEX "IX_ServiceEvents_HeldOn_Id" ON "ServiceEvents" ("HeldOn", "Id");
CREATE UNIQUE INDEX "IX_ServiceEvents_Once" ON "ServiceEvents" ("RegionCode", "HeldOn", "Title");
CREATE INDEX "IX_ServiceEvents_RegionPath" ON "ServiceEvents" ("RegionPath");
