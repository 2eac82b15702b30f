-- The programmes' own fields on a recognition (issue 16): a famous brand's product (名牌产品) and the earlier recognition a
-- renewal carries on (延续/复评), a chief quality officer's position, training hours and certificate (首席质量官任职条件). SQLite.
ALTER TABLE "Recognitions" ADD COLUMN "Product" TEXT NULL;
ALTER TABLE "Recognitions" ADD COLUMN "RenewalOfId" TEXT NULL;
ALTER TABLE "Recognitions" ADD COLUMN "Position" TEXT NULL;
ALTER TABLE "Recognitions" ADD COLUMN "TrainingHours" INTEGER NULL;
ALTER TABLE "Recognitions" ADD COLUMN "CertificateNumber" TEXT NULL;

CREATE INDEX "IX_Recognitions_RenewalOfId" ON "Recognitions" ("RenewalOfId");
