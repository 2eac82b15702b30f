-- The data-protection keys (sign-in cookies, antiforgery tokens, sealed draw seeds) in the database, so every instance
-- and every backup has them (Platform/Data/KeyStore).
CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);
