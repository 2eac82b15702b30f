-- The register of document numbers (发文登记) of printed documents: one row per document, its number in the issuing
-- office's sequence for a code word and year; the unique indexes make concurrent first prints take distinct numbers (Sqlite).
CREATE TABLE "IssuedDocuments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_IssuedDocuments" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "SubjectKey" TEXT NOT NULL,
    "IssuerCode" TEXT NOT NULL,
    "CodeWord" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "IssuedAt" TEXT NOT NULL,
    "IssuedBy" TEXT NOT NULL
);
CREATE UNIQUE INDEX "IX_IssuedDocuments_IssuerCode_CodeWord_Year_Number" ON "IssuedDocuments" ("IssuerCode", "CodeWord", "Year", "Number");
CREATE UNIQUE INDEX "IX_IssuedDocuments_Kind_SubjectKey" ON "IssuedDocuments" ("Kind", "SubjectKey");
