-- Services to small firms (服务零距离): mobile quality clinics and other service events with the firms that came, what was
-- diagnosed and the follow-up; quality-strong park programmes with their service plan, member firms and progress reports (Sqlite).
CREATE TABLE "ParkProgrammeMembers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ParkProgrammeMembers" PRIMARY KEY,
    "ProgrammeId" TEXT NOT NULL,
    "ProgrammeTitle" TEXT NOT NULL,
    "CreditCode" TEXT NOT NULL,
    "EnterpriseName" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "JoinedOn" TEXT NOT NULL,
    "AddedBy" TEXT NOT NULL
);
CREATE TABLE "ParkProgrammeReports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ParkProgrammeReports" PRIMARY KEY,
    "ProgrammeId" TEXT NOT NULL,
    "ReportedOn" TEXT NOT NULL,
    "Progress" TEXT NOT NULL,
    "ReportedAt" TEXT NOT NULL,
    "ReportedBy" TEXT NOT NULL
);
CREATE TABLE "ParkProgrammes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ParkProgrammes" PRIMARY KEY,
    "ParkId" TEXT NOT NULL,
    "ParkName" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "StartsOn" TEXT NOT NULL,
    "EndsOn" TEXT NULL,
    "ServicePlan" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);
CREATE TABLE "ServiceEventFirms" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ServiceEventFirms" PRIMARY KEY,
    "EventId" TEXT NOT NULL,
    "EventKind" TEXT NOT NULL,
    "EventDate" TEXT NOT NULL,
    "EventTitle" TEXT NOT NULL,
    "CreditCode" TEXT NOT NULL,
    "EnterpriseName" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "ProblemArea" TEXT NULL,
    "Problems" TEXT NULL,
    "FollowUp" TEXT NULL,
    "FollowUpDue" TEXT NULL,
    "FollowUpDoneOn" TEXT NULL,
    "FollowUpResult" TEXT NULL,
    "AddedAt" TEXT NOT NULL,
    "AddedBy" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);
CREATE TABLE "ServiceEvents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ServiceEvents" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "Mode" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "HeldOn" TEXT NOT NULL,
    "Place" TEXT NOT NULL,
    "ParkId" TEXT NULL,
    "ParkName" TEXT NULL,
    "Industry" TEXT NULL,
    "Experts" TEXT NULL,
    "Note" TEXT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
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
