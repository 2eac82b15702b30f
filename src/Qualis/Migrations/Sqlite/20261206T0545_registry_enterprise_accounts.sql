-- Enterprise accounts (企业账户): claims from the public site, batch issue runs with their sealed letters (SQLite).
CREATE TABLE "AccountClaims" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AccountClaims" PRIMARY KEY,
    "CreditCode" TEXT NOT NULL,
    "EnterpriseName" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "LegalRepresentative" TEXT NOT NULL,
    "ContactName" TEXT NOT NULL,
    "ContactPhone" TEXT NOT NULL,
    "ContactEmail" TEXT NOT NULL,
    "LicenceFileName" TEXT NOT NULL,
    "LicenceContentType" TEXT NOT NULL,
    "LicenceStoredPath" TEXT NOT NULL,
    "LicenceSha256" TEXT NOT NULL,
    "LicenceBytes" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "SubmittedAt" TEXT NOT NULL,
    "SubmittedFrom" TEXT NULL,
    "DecidedAt" TEXT NULL,
    "DecidedBy" TEXT NULL,
    "RejectionReason" TEXT NULL,
    "AccountUserName" TEXT NULL
);


CREATE TABLE "AccountIssueRuns" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AccountIssueRuns" PRIMARY KEY,
    "RegionPath" TEXT NOT NULL,
    "Filter" TEXT NOT NULL,
    "Issued" INTEGER NOT NULL,
    "Remaining" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "ElapsedMilliseconds" INTEGER NOT NULL,
    "SealedLetters" TEXT NULL,
    "LettersDestroyedAt" TEXT NULL
);
CREATE UNIQUE INDEX "IX_AccountClaims_Pending" ON "AccountClaims" ("CreditCode") WHERE "Status" = 'Pending';

CREATE INDEX "IX_AccountClaims_RegionPath" ON "AccountClaims" ("RegionPath");

CREATE INDEX "IX_AccountClaims_Status_SubmittedAt" ON "AccountClaims" ("Status", "SubmittedAt");

CREATE INDEX "IX_AccountIssueRuns_RegionPath" ON "AccountIssueRuns" ("RegionPath");

