-- The register of document numbers (发文登记) of printed documents: one row per document, its number in the issuing
-- office's sequence for a code word and year; the unique indexes make concurrent first prints take distinct numbers (PostgreSQL).
CREATE TABLE "IssuedDocuments" (
    "Id" uuid NOT NULL,
    "Kind" character varying(48) NOT NULL,
    "SubjectKey" character varying(64) NOT NULL,
    "IssuerCode" character varying(6) NOT NULL,
    "CodeWord" character varying(16) NOT NULL,
    "Year" integer NOT NULL,
    "Number" integer NOT NULL,
    "IssuedAt" timestamp with time zone NOT NULL,
    "IssuedBy" character varying(256) NOT NULL,
    CONSTRAINT "PK_IssuedDocuments" PRIMARY KEY ("Id")
);
CREATE UNIQUE INDEX "IX_IssuedDocuments_IssuerCode_CodeWord_Year_Number" ON "IssuedDocuments" ("IssuerCode", "CodeWord", "Year", "Number");
CREATE UNIQUE INDEX "IX_IssuedDocuments_Kind_SubjectKey" ON "IssuedDocuments" ("Kind", "SubjectKey");
