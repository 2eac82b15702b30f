-- An inspection item's target type (检查对象) as industries of GB/T 4754 (sections or divisions, comma-separated), so a
-- batch takes its scope from its item: producers (生产企业) are manufacturing (C), sellers (销售企业) wholesale and retail (F).
ALTER TABLE "InspectionItems" ADD COLUMN "TargetIndustries" character varying(200) NULL;
UPDATE "InspectionItems" SET "TargetIndustries" = 'C' WHERE "ObjectType" LIKE '%生产%' AND "ObjectType" NOT LIKE '%销售%';
UPDATE "InspectionItems" SET "TargetIndustries" = 'F' WHERE "ObjectType" LIKE '%销售%' AND "ObjectType" NOT LIKE '%生产%';
UPDATE "InspectionItems" SET "TargetIndustries" = 'C,F' WHERE "ObjectType" LIKE '%生产%' AND "ObjectType" LIKE '%销售%';
