-- Enterprise standards (企业标准自我声明公开, 企业标准领跑者) and pairing (结对共建) as programme families of their own, counted
-- into recognition.standards.new and recognition.pairing.new by the totals' triggers (made again with the family; before, an unknown family fell to
-- quality-strong); a creation period and its assessment for quality-strong regions and brand demonstration zones
-- (创建期, 验收评估). SQLite.
DROP TRIGGER "Recognitions_totals_insert";
DROP TRIGGER "Recognitions_totals_delete";
DROP TRIGGER "Recognitions_totals_update";

CREATE TRIGGER "Recognitions_totals_insert" AFTER INSERT ON "Recognitions"
WHEN NEW."GrantedOn" IS NOT NULL
BEGIN
    INSERT INTO "IndicatorTotals" ("Key", "Year", "RegionPath", "Count", "Numerator", "LatestAt")
    VALUES ('recognition.' || CASE NEW."Family" WHEN 'Demonstration' THEN 'demonstrations' WHEN 'Adoption' THEN 'adoption' WHEN 'Award' THEN 'awards'
                                                WHEN 'Brand' THEN 'brands' WHEN 'Cqo' THEN 'cqo' WHEN 'Standards' THEN 'standards' WHEN 'Pairing' THEN 'pairing' ELSE 'quality-strong' END || '.new',
            NEW."Year", NEW."RegionPath", NOT (NEW."Status" = 'Revoked' AND NEW."EndedOn" IS NOT NULL), 0,
            max(strftime('%Y-%m-%d %H:%M:%f', NEW."GrantedOn"), coalesce(strftime('%Y-%m-%d %H:%M:%f', NEW."EndedOn"), '')))
    ON CONFLICT ("Key", "Year", "RegionPath") DO UPDATE SET "Count" = "Count" + excluded."Count",
        "LatestAt" = CASE WHEN "LatestAt" IS NULL OR excluded."LatestAt" > "LatestAt" THEN excluded."LatestAt" ELSE "LatestAt" END;
END;

CREATE TRIGGER "Recognitions_totals_delete" AFTER DELETE ON "Recognitions"
WHEN OLD."GrantedOn" IS NOT NULL
BEGIN
    UPDATE "IndicatorTotals" SET "Count" = "Count" - (NOT (OLD."Status" = 'Revoked' AND OLD."EndedOn" IS NOT NULL))
    WHERE "Key" = 'recognition.' || CASE OLD."Family" WHEN 'Demonstration' THEN 'demonstrations' WHEN 'Adoption' THEN 'adoption' WHEN 'Award' THEN 'awards'
                                                     WHEN 'Brand' THEN 'brands' WHEN 'Cqo' THEN 'cqo' WHEN 'Standards' THEN 'standards' WHEN 'Pairing' THEN 'pairing' ELSE 'quality-strong' END || '.new'
      AND "Year" = OLD."Year" AND "RegionPath" = OLD."RegionPath";
END;

-- Only a change of what is counted, and where: a note or a document number changes without touching the totals.
CREATE TRIGGER "Recognitions_totals_update" AFTER UPDATE OF "Family", "Year", "RegionPath", "Status", "GrantedOn", "EndedOn" ON "Recognitions"
WHEN OLD."Family" IS NOT NEW."Family" OR OLD."Year" IS NOT NEW."Year" OR OLD."RegionPath" IS NOT NEW."RegionPath"
  OR OLD."Status" IS NOT NEW."Status" OR OLD."GrantedOn" IS NOT NEW."GrantedOn" OR OLD."EndedOn" IS NOT NEW."EndedOn"
BEGIN
    UPDATE "IndicatorTotals" SET "Count" = "Count" - (NOT (OLD."Status" = 'Revoked' AND OLD."EndedOn" IS NOT NULL))
    WHERE OLD."GrantedOn" IS NOT NULL
      AND "Key" = 'recognition.' || CASE OLD."Family" WHEN 'Demonstration' THEN 'demonstrations' WHEN 'Adoption' THEN 'adoption' WHEN 'Award' THEN 'awards'
                                                     WHEN 'Brand' THEN 'brands' WHEN 'Cqo' THEN 'cqo' WHEN 'Standards' THEN 'standards' WHEN 'Pairing' THEN 'pairing' ELSE 'quality-strong' END || '.new'
      AND "Year" = OLD."Year" AND "RegionPath" = OLD."RegionPath";
    INSERT INTO "IndicatorTotals" ("Key", "Year", "RegionPath", "Count", "Numerator", "LatestAt")
    SELECT 'recognition.' || CASE NEW."Family" WHEN 'Demonstration' THEN 'demonstrations' WHEN 'Adoption' THEN 'adoption' WHEN 'Award' THEN 'awards'
                                              WHEN 'Brand' THEN 'brands' WHEN 'Cqo' THEN 'cqo' WHEN 'Standards' THEN 'standards' WHEN 'Pairing' THEN 'pairing' ELSE 'quality-strong' END || '.new',
           NEW."Year", NEW."RegionPath", NOT (NEW."Status" = 'Revoked' AND NEW."EndedOn" IS NOT NULL), 0,
           max(strftime('%Y-%m-%d %H:%M:%f', NEW."GrantedOn"), coalesce(strftime('%Y-%m-%d %H:%M:%f', NEW."EndedOn"), ''))
    WHERE NEW."GrantedOn" IS NOT NULL
    ON CONFLICT ("Key", "Year", "RegionPath") DO UPDATE SET "Count" = "Count" + excluded."Count",
        "LatestAt" = CASE WHEN "LatestAt" IS NULL OR excluded."LatestAt" > "LatestAt" THEN excluded."LatestAt" ELSE "LatestAt" END;
END;

ALTER TABLE "Recognitions" ADD COLUMN "CreationFrom" TEXT NULL;
ALTER TABLE "Recognitions" ADD COLUMN "CreationTo" TEXT NULL;
ALTER TABLE "Recognitions" ADD COLUMN "Assessment" TEXT NULL;
ALTER TABLE "Recognitions" ADD COLUMN "PartnerCreditCode" TEXT NULL;
ALTER TABLE "Recognitions" ADD COLUMN "PartnerName" TEXT NULL;
ALTER TABLE "Recognitions" ADD COLUMN "ProjectId" TEXT NULL;

CREATE INDEX "IX_Recognitions_PartnerCreditCode" ON "Recognitions" ("PartnerCreditCode");
