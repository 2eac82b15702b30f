-- The recognition register (认定管理): the programmes (五大示范, 全面质量管理, 卓越绩效, 政府质量奖, 名牌, 首席质量官,
-- 质量强县/市/区; rows loaded at start by ProgrammeCatalog), one row per recognition with its status, validity, granting
-- document and responsible office, and its evidence files (PostgreSQL).
CREATE TABLE "RecognitionProgrammes" (
    "Code" character varying(32) NOT NULL,
    "NameZh" character varying(100) NOT NULL,
    "NameEn" character varying(100) NOT NULL,
    "Family" text NOT NULL,
    "Holders" character varying(100) NOT NULL,
    "Order" integer NOT NULL,
    CONSTRAINT "PK_RecognitionProgrammes" PRIMARY KEY ("Code")
);
CREATE TABLE "Recognitions" (
    "Id" uuid NOT NULL,
    "ProgrammeCode" character varying(32) NOT NULL,
    "Family" text NOT NULL,
    "Level" text NOT NULL,
    "Year" integer NOT NULL,
    "HolderKind" text NOT NULL,
    "HolderName" character varying(200) NOT NULL,
    "HolderNameSort" character varying(200) COLLATE "C" NOT NULL,
    "CreditCode" character varying(18),
    "Status" text NOT NULL,
    "GrantedOn" date,
    "ValidFrom" date,
    "ValidTo" date,
    "DocumentNumber" character varying(100),
    "EndedOn" date,
    "RevocationReason" character varying(1000),
    "Note" character varying(1000),
    "OfficeCode" character varying(6) NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedBy" character varying(64) NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_Recognitions" PRIMARY KEY ("Id")
);
CREATE TABLE "RecognitionEvidence" (
    "Id" uuid NOT NULL,
    "RecognitionId" uuid NOT NULL,
    "UploadedAt" timestamp with time zone NOT NULL,
    "FileName" character varying(260) NOT NULL,
    "ContentType" character varying(100) NOT NULL,
    "Bytes" bigint NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "StoredPath" character varying(500) NOT NULL,
    CONSTRAINT "PK_RecognitionEvidence" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_RecognitionEvidence_RecognitionId" ON "RecognitionEvidence" ("RecognitionId");
CREATE INDEX "IX_Recognitions_Count" ON "Recognitions" ("Year", "Family", "RegionPath");
CREATE INDEX "IX_Recognitions_CreditCode" ON "Recognitions" ("CreditCode");
CREATE INDEX "IX_Recognitions_InForce" ON "Recognitions" ("Family", "RegionPath");
CREATE INDEX "IX_Recognitions_List" ON "Recognitions" ("Year", "HolderNameSort", "Id");
CREATE INDEX "IX_Recognitions_OfficeCode_ValidTo" ON "Recognitions" ("OfficeCode", "ValidTo");
CREATE UNIQUE INDEX "IX_Recognitions_Once" ON "Recognitions" ("ProgrammeCode", "Year", "Level", "RegionCode", "HolderName");
CREATE INDEX "IX_Recognitions_RegionPath" ON "Recognitions" ("RegionPath");
