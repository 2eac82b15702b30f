-- Accounts: the must-change-password flag (one-time and reset passwords) and the enterprise an account was issued to
-- as its own (one per enterprise: claims and batch issues meet the unique index) (PostgreSQL).
ALTER TABLE "Users" ADD COLUMN "MustChangePassword" boolean NOT NULL DEFAULT false;

ALTER TABLE "Users" ADD COLUMN "IssuedForEnterprise" character varying(18);

CREATE INDEX "IX_Users_EnterpriseCode" ON "Users" ("EnterpriseCode");

CREATE UNIQUE INDEX "IX_Users_IssuedForEnterprise" ON "Users" ("IssuedForEnterprise");
