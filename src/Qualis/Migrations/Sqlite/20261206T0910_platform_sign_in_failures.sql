-- Accounts: failed sign-ins counted per typed user name and client address, for the growing delays that replace
-- the account lockout (SignInGuard) (SQLite).
CREATE TABLE "SignInFailures" (
    "UserName" TEXT NOT NULL,
    "Address" TEXT NOT NULL,
    "Failures" INTEGER NOT NULL,
    "LastAt" TEXT NOT NULL,
    "WaitUntil" TEXT NULL,
    CONSTRAINT "PK_SignInFailures" PRIMARY KEY ("UserName", "Address")
);

CREATE INDEX "IX_SignInFailures_LastAt" ON "SignInFailures" ("LastAt");
