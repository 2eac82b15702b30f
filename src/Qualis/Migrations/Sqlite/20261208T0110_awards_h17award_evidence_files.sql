-- An award application's evidence as files (证明材料: PDF, JPEG, PNG, checked by their bytes), kept by the attachment store
-- and read in the application's region (Sqlite).
CREATE TABLE "AwardEvidence" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AwardEvidence" PRIMARY KEY,
    "ApplicationId" TEXT NOT NULL,
    "UploadedAt" TEXT NOT NULL,
    "UploadedBy" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Bytes" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "StoredPath" TEXT NOT NULL
);
CREATE INDEX "IX_AwardEvidence_ApplicationId" ON "AwardEvidence" ("ApplicationId");
