-- One key in use per partner system's name: a key issued twice at once (a double click) is issued once.
CREATE UNIQUE INDEX "IX_ApiClients_ActiveName" ON "ApiClients" ("Name") WHERE "RevokedAt" IS NULL;
