-- Enterprise accounts (企业账户): claims from the public site, batch issue runs with their sealed letters (PostgreSQL).
CREATE TABLE "AccountClaims" (
    "Id" uuid NOT NULL,
    "CreditCode" character varying(18) COLLATE "C" NOT NULL,
    "EnterpriseName" character varying(200) NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "LegalRepresentative" character varying(64) NOT NULL,
    "ContactName" character varying(64) NOT NULL,
    "ContactPhone" character varying(32) NOT NULL,
    "ContactEmail" character varying(128) NOT NULL,
    "LicenceFileName" character varying(260) NOT NULL,
    "LicenceContentType" character varying(64) NOT NULL,
    "LicenceStoredPath" character varying(300) NOT NULL,
    "LicenceSha256" character varying(64) NOT NULL,
    "LicenceBytes" bigint NOT NULL,
    "Status" character varying(10) NOT NULL,
    "SubmittedAt" timestamp with time zone NOT NULL,
    "SubmittedFrom" character varying(64),
    "DecidedAt" timestamp with time zone,
    "DecidedBy" character varying(256),
    "RejectionReason" character varying(500),
    "AccountUserName" character varying(256),
    CONSTRAINT "PK_AccountClaims" PRIMARY KEY ("Id")
);


CREATE TABLE "AccountIssueRuns" (
    "Id" uuid NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "Filter" character varying(1000) NOT NULL,
    "Issued" integer NOT NULL,
    "Remaining" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedBy" character varying(256) NOT NULL,
    "ElapsedMilliseconds" bigint NOT NULL,
    "SealedLetters" text,
    "LettersDestroyedAt" timestamp with time zone,
    CONSTRAINT "PK_AccountIssueRuns" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_AccountClaims_Pending" ON "AccountClaims" ("CreditCode") WHERE "Status" = 'Pending';

CREATE INDEX "IX_AccountClaims_RegionPath" ON "AccountClaims" ("RegionPath");

CREATE INDEX "IX_AccountClaims_Status_SubmittedAt" ON "AccountClaims" ("Status", "SubmittedAt");

CREATE INDEX "IX_AccountIssueRuns_RegionPath" ON "AccountIssueRuns" ("RegionPath");

