-- The API's updatedSince (增量同步) over a million enterprises: the firms changed since an instant through an index (SQLite).
CREATE INDEX "IX_Enterprises_UpdatedAt" ON "Enterprises" ("UpdatedAt", "CreditCode");
