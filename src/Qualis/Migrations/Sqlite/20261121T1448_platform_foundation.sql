-- 0001 foundation: accounts, regions, audit trail, API clients (SQLite).
-- Generated from the EF model with `Qualis model-script`, plus the append-only triggers.
CREATE TABLE "ApiClients" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiClients" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Department" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Scopes" TEXT NOT NULL,
    "KeyPrefix" TEXT NOT NULL,
    "KeyHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "RevokedAt" TEXT NULL,
    "RevokedReason" TEXT NULL
);

CREATE TABLE "ApiKeyUses" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiKeyUses" PRIMARY KEY,
    "ClientId" TEXT NULL,
    "KeyPrefix" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    "Path" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "Outcome" TEXT NOT NULL,
    "Ip" TEXT NULL
);

CREATE TABLE "AuditEntries" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY,
    "At" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "UserName" TEXT NULL,
    "Source" TEXT NOT NULL,
    "Ip" TEXT NULL,
    "Action" TEXT NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityKey" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Before" TEXT NULL,
    "After" TEXT NULL,
    "PreviousHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL
);

CREATE TABLE "AuditHead" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditHead" PRIMARY KEY,
    "Sequence" INTEGER NOT NULL,
    "Hash" TEXT NOT NULL
);

CREATE TABLE "Regions" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_Regions" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "NameEn" TEXT NULL,
    "ParentCode" TEXT NULL,
    "Level" INTEGER NOT NULL,
    "RegionPath" TEXT NOT NULL
);

CREATE TABLE "Users" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Users" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Organisation" TEXT NULL,
    "EnterpriseCode" TEXT NULL,
    "Culture" TEXT NOT NULL,
    "IsDisabled" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "UserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_UserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_UserClaims_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "UserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_UserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_UserLogins_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "UserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_UserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_UserTokens_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ApiClients_KeyPrefix" ON "ApiClients" ("KeyPrefix");

CREATE INDEX "IX_ApiKeyUses_ClientId_At" ON "ApiKeyUses" ("ClientId", "At");

CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");

CREATE INDEX "IX_AuditEntries_EntityType_EntityKey" ON "AuditEntries" ("EntityType", "EntityKey");

CREATE INDEX "IX_Regions_ParentCode" ON "Regions" ("ParentCode");

CREATE UNIQUE INDEX "IX_Regions_RegionPath" ON "Regions" ("RegionPath");

CREATE INDEX "IX_UserClaims_UserId" ON "UserClaims" ("UserId");

CREATE INDEX "IX_UserLogins_UserId" ON "UserLogins" ("UserId");

CREATE INDEX "EmailIndex" ON "Users" ("NormalizedEmail");

CREATE INDEX "IX_Users_RegionPath" ON "Users" ("RegionPath");

CREATE UNIQUE INDEX "UserNameIndex" ON "Users" ("NormalizedUserName");

-- The audit trail is append-only: the platform never updates or deletes an entry.
CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries"
BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only'); END;

CREATE TRIGGER "AuditEntries_no_delete" BEFORE DELETE ON "AuditEntries"
BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only'); END;
