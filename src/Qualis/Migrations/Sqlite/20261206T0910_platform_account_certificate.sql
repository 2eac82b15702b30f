-- Accounts: the law-enforcement certificate number (执法证号) of an enforcement officer, shown beside the officer's name
-- in the history an enterprise reads of its own record (SQLite).
ALTER TABLE "Users" ADD COLUMN "CertificateNumber" TEXT NULL;
