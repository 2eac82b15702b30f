-- Seals of the audit chain (审计封签): the chain's head signed with a key outside the database, one per head; append-only like the trail (SQLite).
CREATE TABLE "AuditSeals" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AuditSeals" PRIMARY KEY,
    "Sequence" INTEGER NOT NULL,
    "HeadHash" TEXT NOT NULL,
    "SealedAt" TEXT NOT NULL,
    "Signature" TEXT NOT NULL,
    "KeyId" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_AuditSeals_Sequence" ON "AuditSeals" ("Sequence");

CREATE TRIGGER "AuditSeals_no_update" BEFORE UPDATE ON "AuditSeals"
BEGIN SELECT RAISE(ABORT, 'AuditSeals is append-only'); END;

CREATE TRIGGER "AuditSeals_no_delete" BEFORE DELETE ON "AuditSeals"
BEGIN SELECT RAISE(ABORT, 'AuditSeals is append-only'); END;
