-- The programmes' own fields on a recognition (issue 16): a famous brand's product (名牌产品) and the earlier recognition a
-- renewal carries on (延续/复评), a chief quality officer's position, training hours and certificate (首席质量官任职条件). PostgreSQL.
ALTER TABLE "Recognitions" ADD COLUMN "Product" character varying(200);
ALTER TABLE "Recognitions" ADD COLUMN "RenewalOfId" uuid;
ALTER TABLE "Recognitions" ADD COLUMN "Position" character varying(100);
ALTER TABLE "Recognitions" ADD COLUMN "TrainingHours" integer;
ALTER TABLE "Recognitions" ADD COLUMN "CertificateNumber" character varying(100);

CREATE INDEX "IX_Recognitions_RenewalOfId" ON "Recognitions" ("RenewalOfId");
