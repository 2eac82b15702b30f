-- 0002 registry (主体库): industries, product categories, parks, enterprises, inspectors, testing agencies, import jobs (SQLite).

CREATE TABLE "Industries" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_Industries" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "NameEn" TEXT NULL,
    "ParentCode" TEXT NULL,
    "Level" INTEGER NOT NULL
);

CREATE INDEX "IX_Industries_ParentCode" ON "Industries" ("ParentCode");

CREATE TABLE "ProductCategories" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_ProductCategories" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "ParentCode" TEXT NULL,
    "TestSamples" INTEGER NOT NULL,
    "ReserveSamples" INTEGER NOT NULL
);

CREATE INDEX "IX_ProductCategories_ParentCode" ON "ProductCategories" ("ParentCode");

CREATE TABLE "Parks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Parks" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Level" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_Parks_Name" ON "Parks" ("Name");

CREATE INDEX "IX_Parks_RegionPath" ON "Parks" ("RegionPath");

CREATE TABLE "Enterprises" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Enterprises" PRIMARY KEY,
    "CreditCode" TEXT NOT NULL,
    "CreditCodeOverrideReason" TEXT NULL,
    "Name" TEXT NOT NULL,
    "NameGrams" TEXT NOT NULL,
    "FormerNames" TEXT NULL,
    "LegalRepresentative" TEXT NULL,
    "Address" TEXT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "IndustryCode" TEXT NULL,
    "RegisteredCapitalYuan" TEXT NULL,
    "Employees" INTEGER NULL,
    "RevenueYuan" TEXT NULL,
    "Size" TEXT NULL,
    "SizeEntered" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "EstablishedOn" TEXT NULL,
    "ParkId" TEXT NULL,
    "ChiefQualityOfficer" TEXT NULL,
    "Certifications" TEXT NULL,
    "QualityAwards" TEXT NULL,
    "Brands" TEXT NULL,
    "DeclaredStandards" TEXT NULL,
    "UpdatedAt" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_Enterprises_CreditCode" ON "Enterprises" ("CreditCode");

CREATE INDEX "IX_Enterprises_IndustryCode" ON "Enterprises" ("IndustryCode");

CREATE INDEX "IX_Enterprises_Name" ON "Enterprises" ("Name");

CREATE INDEX "IX_Enterprises_ParkId" ON "Enterprises" ("ParkId");

CREATE INDEX "IX_Enterprises_RegionPath" ON "Enterprises" ("RegionPath");

CREATE TABLE "Inspectors" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Inspectors" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Unit" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "CertificateNumber" TEXT NOT NULL,
    "Specialties" TEXT NULL,
    "Active" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_Inspectors_CertificateNumber" ON "Inspectors" ("CertificateNumber");

CREATE INDEX "IX_Inspectors_RegionPath" ON "Inspectors" ("RegionPath");

CREATE TABLE "TestingAgencies" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TestingAgencies" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "AccreditationNumber" TEXT NOT NULL,
    "Scopes" TEXT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_TestingAgencies_AccreditationNumber" ON "TestingAgencies" ("AccreditationNumber");

CREATE INDEX "IX_TestingAgencies_RegionPath" ON "TestingAgencies" ("RegionPath");

CREATE TABLE "ImportJobs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ImportJobs" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "FileSha256" TEXT NOT NULL,
    "FileBytes" INTEGER NOT NULL,
    "StoredPath" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CommitRequested" INTEGER NOT NULL,
    "BytesRead" INTEGER NOT NULL,
    "RowsRead" INTEGER NOT NULL,
    "ProblemCount" INTEGER NOT NULL,
    "NewCount" INTEGER NOT NULL,
    "ChangedCount" INTEGER NOT NULL,
    "UnchangedCount" INTEGER NOT NULL,
    "Encoding" TEXT NULL,
    "UnknownColumns" TEXT NULL,
    "Message" TEXT NULL,
    "UserId" TEXT NOT NULL,
    "UserName" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "FinishedAt" TEXT NULL
);

CREATE INDEX "IX_ImportJobs_CreatedAt" ON "ImportJobs" ("CreatedAt");

CREATE INDEX "IX_ImportJobs_RegionPath" ON "ImportJobs" ("RegionPath");

CREATE TABLE "ImportProblems" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ImportProblems" PRIMARY KEY,
    "JobId" TEXT NOT NULL,
    "Row" INTEGER NOT NULL,
    "Column" TEXT NOT NULL,
    "Value" TEXT NULL,
    "ReasonKey" TEXT NOT NULL,
    "ReasonArgs" TEXT NULL
);

CREATE INDEX "IX_ImportProblems_JobId_Row" ON "ImportProblems" ("JobId", "Row");

-- Name-fragment search (see NameSearch.cs): an FTS5 index over the name's character pairs, kept in step by triggers.
-- It indexes the enterprise rows by rowid; after a manual VACUUM run: INSERT INTO "EnterpriseNameSearch"("EnterpriseNameSearch") VALUES('rebuild');
CREATE VIRTUAL TABLE "EnterpriseNameSearch" USING fts5("NameGrams", content='Enterprises', content_rowid='rowid', tokenize='ascii');

CREATE TRIGGER "Enterprises_search_insert" AFTER INSERT ON "Enterprises" BEGIN
    INSERT INTO "EnterpriseNameSearch"(rowid, "NameGrams") VALUES (new.rowid, new."NameGrams");
END;

CREATE TRIGGER "Enterprises_search_delete" AFTER DELETE ON "Enterprises" BEGIN
    INSERT INTO "EnterpriseNameSearch"("EnterpriseNameSearch", rowid, "NameGrams") VALUES ('delete', old.rowid, old."NameGrams");
END;

CREATE TRIGGER "Enterprises_search_update" AFTER UPDATE OF "NameGrams" ON "Enterprises" BEGIN
    INSERT INTO "EnterpriseNameSearch"("EnterpriseNameSearch", rowid, "NameGrams") VALUES ('delete', old.rowid, old."NameGrams");
    INSERT INTO "EnterpriseNameSearch"(rowid, "NameGrams") VALUES (new.rowid, new."NameGrams");
END;
