-- Background exports of lists (后台导出): the job with its progress and lease, and its file in pieces, readable by every instance (SQLite).
CREATE TABLE "ExportJobs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ExportJobs" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Path" TEXT NOT NULL,
    "Query" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Format" TEXT NOT NULL,
    "Culture" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "RowsWritten" INTEGER NOT NULL,
    "TotalRows" INTEGER NULL,
    "Runs" INTEGER NOT NULL,
    "Holder" TEXT NULL,
    "LeaseUntil" TEXT NULL,
    "Bytes" INTEGER NOT NULL,
    "Error" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "FinishedAt" TEXT NULL
);

CREATE TABLE "ExportFileChunks" (
    "JobId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "Data" BLOB NOT NULL,
    CONSTRAINT "PK_ExportFileChunks" PRIMARY KEY ("JobId", "Number")
);

CREATE INDEX "IX_ExportJobs_FinishedAt" ON "ExportJobs" ("FinishedAt");
CREATE INDEX "IX_ExportJobs_Status_CreatedAt" ON "ExportJobs" ("Status", "CreatedAt");
CREATE INDEX "IX_ExportJobs_UserId_CreatedAt" ON "ExportJobs" ("UserId", "CreatedAt");
