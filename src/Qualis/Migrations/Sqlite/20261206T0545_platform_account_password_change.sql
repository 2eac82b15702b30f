-- Accounts: the must-change-password flag (one-time and reset passwords) and the enterprise an account was issued to
-- as its own (one per enterprise: claims and batch issues meet the unique index) (SQLite).
ALTER TABLE "Users" ADD COLUMN "MustChangePassword" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Users" ADD COLUMN "IssuedForEnterprise" TEXT NULL;

CREATE INDEX "IX_Users_EnterpriseCode" ON "Users" ("EnterpriseCode");

CREATE UNIQUE INDEX "IX_Users_IssuedForEnterprise" ON "Users" ("IssuedForEnterprise");
