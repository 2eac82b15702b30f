-- Enterprise standards (企业标准自我声明公开, 企业标准领跑者) and pairing (结对共建) as programme families of their own, counted
-- into recognition.standards.new and recognition.pairing.new by the totals' triggers (the key function learns the family; before, an unknown family fell to
-- quality-strong); a creation period and its assessment for quality-strong regions and brand demonstration zones
-- (创建期, 验收评估). PostgreSQL.
CREATE OR REPLACE FUNCTION qualis_recognition_indicator_key(p_family text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT 'recognition.' || CASE p_family WHEN 'Demonstration' THEN 'demonstrations' WHEN 'Adoption' THEN 'adoption' WHEN 'Award' THEN 'awards'
                                          WHEN 'Brand' THEN 'brands' WHEN 'Cqo' THEN 'cqo' WHEN 'Standards' THEN 'standards' WHEN 'Pairing' THEN 'pairing' ELSE 'quality-strong' END || '.new';
$$;

ALTER TABLE "Recognitions" ADD COLUMN "CreationFrom" date;
ALTER TABLE "Recognitions" ADD COLUMN "CreationTo" date;
ALTER TABLE "Recognitions" ADD COLUMN "Assessment" character varying(1000);
ALTER TABLE "Recognitions" ADD COLUMN "PartnerCreditCode" character varying(18);
ALTER TABLE "Recognitions" ADD COLUMN "PartnerName" character varying(200);
ALTER TABLE "Recognitions" ADD COLUMN "ProjectId" uuid;

CREATE INDEX "IX_Recognitions_PartnerCreditCode" ON "Recognitions" ("PartnerCreditCode");
