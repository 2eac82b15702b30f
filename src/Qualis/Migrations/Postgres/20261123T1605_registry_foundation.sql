-- 0002 registry (主体库): industries, product categories, parks, enterprises, inspectors, testing agencies, import jobs (PostgreSQL).

CREATE TABLE "Industries" (
    "Code" character varying(5) NOT NULL,
    "Name" character varying(100) NOT NULL,
    "NameEn" character varying(150),
    "ParentCode" character varying(5),
    "Level" integer NOT NULL,
    CONSTRAINT "PK_Industries" PRIMARY KEY ("Code")
);

CREATE INDEX "IX_Industries_ParentCode" ON "Industries" ("ParentCode");

CREATE TABLE "ProductCategories" (
    "Code" character varying(16) NOT NULL,
    "Name" character varying(100) NOT NULL,
    "ParentCode" character varying(16),
    "TestSamples" integer NOT NULL,
    "ReserveSamples" integer NOT NULL,
    CONSTRAINT "PK_ProductCategories" PRIMARY KEY ("Code")
);

CREATE INDEX "IX_ProductCategories_ParentCode" ON "ProductCategories" ("ParentCode");

CREATE TABLE "Parks" (
    "Id" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Level" character varying(16) NOT NULL,
    "Type" character varying(32) NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    CONSTRAINT "PK_Parks" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_Parks_Name" ON "Parks" ("Name");

CREATE INDEX "IX_Parks_RegionPath" ON "Parks" ("RegionPath");

CREATE TABLE "Enterprises" (
    "Id" uuid NOT NULL,
    "CreditCode" character varying(18) COLLATE "C" NOT NULL,
    "CreditCodeOverrideReason" character varying(256),
    "Name" character varying(200) NOT NULL,
    "NameGrams" text NOT NULL,
    "FormerNames" character varying(500),
    "LegalRepresentative" character varying(64),
    "Address" character varying(300),
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "IndustryCode" character varying(5),
    "RegisteredCapitalYuan" numeric(18,2),
    "Employees" integer,
    "RevenueYuan" numeric(18,2),
    "Size" character varying(8),
    "SizeEntered" boolean NOT NULL,
    "Status" character varying(12) NOT NULL,
    "EstablishedOn" date,
    "ParkId" uuid,
    "ChiefQualityOfficer" character varying(64),
    "Certifications" character varying(1000),
    "QualityAwards" character varying(1000),
    "Brands" character varying(1000),
    "DeclaredStandards" character varying(2000),
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Enterprises" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_Enterprises_CreditCode" ON "Enterprises" ("CreditCode");

CREATE INDEX "IX_Enterprises_IndustryCode" ON "Enterprises" ("IndustryCode");

CREATE INDEX "IX_Enterprises_Name" ON "Enterprises" ("Name");

CREATE INDEX "IX_Enterprises_ParkId" ON "Enterprises" ("ParkId");

CREATE INDEX "IX_Enterprises_RegionPath" ON "Enterprises" ("RegionPath");

CREATE TABLE "Inspectors" (
    "Id" uuid NOT NULL,
    "Name" character varying(64) NOT NULL,
    "Unit" character varying(200) NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "CertificateNumber" character varying(32) NOT NULL,
    "Specialties" character varying(500),
    "Active" boolean NOT NULL,
    CONSTRAINT "PK_Inspectors" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_Inspectors_CertificateNumber" ON "Inspectors" ("CertificateNumber");

CREATE INDEX "IX_Inspectors_RegionPath" ON "Inspectors" ("RegionPath");

CREATE TABLE "TestingAgencies" (
    "Id" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "AccreditationNumber" character varying(32) NOT NULL,
    "Scopes" character varying(1000),
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    CONSTRAINT "PK_TestingAgencies" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_TestingAgencies_AccreditationNumber" ON "TestingAgencies" ("AccreditationNumber");

CREATE INDEX "IX_TestingAgencies_RegionPath" ON "TestingAgencies" ("RegionPath");

CREATE TABLE "ImportJobs" (
    "Id" uuid NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "FileName" character varying(260) NOT NULL,
    "FileSha256" character varying(64) NOT NULL,
    "FileBytes" bigint NOT NULL,
    "StoredPath" character varying(500) NOT NULL,
    "Status" character varying(16) NOT NULL,
    "CommitRequested" boolean NOT NULL,
    "BytesRead" bigint NOT NULL,
    "RowsRead" integer NOT NULL,
    "ProblemCount" integer NOT NULL,
    "NewCount" integer NOT NULL,
    "ChangedCount" integer NOT NULL,
    "UnchangedCount" integer NOT NULL,
    "Encoding" character varying(32),
    "UnknownColumns" character varying(1000),
    "Message" character varying(1000),
    "UserId" character varying(64) NOT NULL,
    "UserName" character varying(256) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "FinishedAt" timestamp with time zone,
    CONSTRAINT "PK_ImportJobs" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_ImportJobs_CreatedAt" ON "ImportJobs" ("CreatedAt");

CREATE INDEX "IX_ImportJobs_RegionPath" ON "ImportJobs" ("RegionPath");

CREATE TABLE "ImportProblems" (
    "Id" uuid NOT NULL,
    "JobId" uuid NOT NULL,
    "Row" integer NOT NULL,
    "Column" character varying(64) NOT NULL,
    "Value" character varying(200),
    "ReasonKey" character varying(64) NOT NULL,
    "ReasonArgs" character varying(500),
    CONSTRAINT "PK_ImportProblems" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_ImportProblems_JobId_Row" ON "ImportProblems" ("JobId", "Row");

-- Name-fragment search (see NameSearch.cs): the name's character pairs as a stored tsvector with positions, so a
-- fragment is the phrase of its pairs. Stored, because checking a phrase re-reads each candidate's vector: computing
-- it again for every candidate row cost three times the whole query.
ALTER TABLE "Enterprises" ADD COLUMN "NameVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "NameGrams")) STORED;

CREATE INDEX "IX_Enterprises_NameSearch" ON "Enterprises" USING GIN ("NameVector");
