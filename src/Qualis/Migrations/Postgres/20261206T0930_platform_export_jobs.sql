-- Background exports of lists (后台导出): the job with its progress and lease, and its file in pieces, readable by every instance (PostgreSQL).
CREATE TABLE "ExportJobs" (
    "Id" uuid NOT NULL,
    "UserId" character varying(64) NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Path" character varying(200) NOT NULL,
    "Query" character varying(2000) NOT NULL,
    "Source" character varying(200) NOT NULL,
    "Format" character varying(8) NOT NULL,
    "Culture" character varying(16) NOT NULL,
    "Status" character varying(16) NOT NULL,
    "RowsWritten" integer NOT NULL,
    "TotalRows" integer,
    "Runs" integer NOT NULL,
    "Holder" character varying(128),
    "LeaseUntil" timestamp with time zone,
    "Bytes" bigint NOT NULL,
    "Error" character varying(1000),
    "CreatedAt" timestamp with time zone NOT NULL,
    "FinishedAt" timestamp with time zone,
    CONSTRAINT "PK_ExportJobs" PRIMARY KEY ("Id")
);

CREATE TABLE "ExportFileChunks" (
    "JobId" uuid NOT NULL,
    "Number" integer NOT NULL,
    "Data" bytea NOT NULL,
    CONSTRAINT "PK_ExportFileChunks" PRIMARY KEY ("JobId", "Number")
);

CREATE INDEX "IX_ExportJobs_FinishedAt" ON "ExportJobs" ("FinishedAt");
CREATE INDEX "IX_ExportJobs_Status_CreatedAt" ON "ExportJobs" ("Status", "CreatedAt");
CREATE INDEX "IX_ExportJobs_UserId_CreatedAt" ON "ExportJobs" ("UserId", "CreatedAt");
