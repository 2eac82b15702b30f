-- An award application's evidence as files (证明材料: PDF, JPEG, PNG, checked by their bytes), kept by the attachment store
-- and read in the application's region. PostgreSQL.
CREATE TABLE "AwardEvidence" (
    "Id" uuid NOT NULL,
    "ApplicationId" uuid NOT NULL,
    "UploadedAt" timestamp with time zone NOT NULL,
    "UploadedBy" character varying(64) NOT NULL,
    "FileName" character varying(260) NOT NULL,
    "ContentType" character varying(100) NOT NULL,
    "Bytes" bigint NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "StoredPath" character varying(500) NOT NULL,
    CONSTRAINT "PK_AwardEvidence" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_AwardEvidence_ApplicationId" ON "AwardEvidence" ("ApplicationId");
