-- Accounts: failed sign-ins counted per typed user name and client address, for the growing delays that replace
-- the account lockout (SignInGuard) (PostgreSQL).
CREATE TABLE "SignInFailures" (
    "UserName" character varying(256) NOT NULL,
    "Address" character varying(64) NOT NULL,
    "Failures" integer NOT NULL,
    "LastAt" timestamp with time zone NOT NULL,
    "WaitUntil" timestamp with time zone NULL,
    CONSTRAINT "PK_SignInFailures" PRIMARY KEY ("UserName", "Address")
);

CREATE INDEX "IX_SignInFailures_LastAt" ON "SignInFailures" ("LastAt");
