-- The recognition register (认定管理): the programmes (五大示范, 全面质量管理, 卓越绩效, 政府质量奖, 名牌, 首席质量官,
-- 质量强县/市/区; rows loaded at start by ProgrammeCatalog), one row per recognition with its status, validity, granting
-- document and responsible office, and its evidence files (Sqlite).
CREATE TABLE "RecognitionProgrammes" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_RecognitionProgrammes" PRIMARY KEY,
    "NameZh" TEXT NOT NULL,
    "NameEn" TEXT NOT NULL,
    "Family" TEXT NOT NULL,
    "Holders" TEXT NOT NULL,
    "Order" INTEGER NOT NULL
);
CREATE TABLE "Recognitions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Recognitions" PRIMARY KEY,
    "ProgrammeCode" TEXT NOT NULL,
    "Family" TEXT NOT NULL,
    "Level" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "HolderKind" TEXT NOT NULL,
    "HolderName" TEXT NOT NULL,
    "HolderNameSort" TEXT NOT NULL,
    "CreditCode" TEXT NULL,
    "Status" TEXT NOT NULL,
    "GrantedOn" TEXT NULL,
    "ValidFrom" TEXT NULL,
    "ValidTo" TEXT NULL,
    "DocumentNumber" TEXT NULL,
    "EndedOn" TEXT NULL,
    "RevocationReason" TEXT NULL,
    "Note" TEXT NULL,
    "OfficeCode" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);
CREATE TABLE "RecognitionEvidence" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_RecognitionEvidence" PRIMARY KEY,
    "RecognitionId" TEXT NOT NULL,
    "UploadedAt" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Bytes" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "StoredPath" TEXT NOT NULL
);
CREATE INDEX "IX_RecognitionEvidence_RecognitionId" ON "RecognitionEvidence" ("RecognitionId");
CREATE INDEX "IX_Recognitions_Count" ON "Recognitions" ("Year", "Family", "RegionPath");
CREATE INDEX "IX_Recognitions_CreditCode" ON "Recognitions" ("CreditCode");
CREATE INDEX "IX_Recognitions_InForce" ON "Recognitions" ("Family", "RegionPath");
CREATE INDEX "IX_Recognitions_List" ON "Recognitions" ("Year", "HolderNameSort", "Id");
CREATE INDEX "IX_Recognitions_OfficeCode_ValidTo" ON "Recognitions" ("OfficeCode", "ValidTo");
CREATE UNIQUE INDEX "IX_Recognitions_Once" ON "Recognitions" ("ProgrammeCode", "Year", "Level", "RegionCode", "HolderName");
CREATE INDEX "IX_Recognitions_RegionPath" ON "Recognitions" ("RegionPath");
