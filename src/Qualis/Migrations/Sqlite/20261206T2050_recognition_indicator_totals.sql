-- The recognitions' yearly totals (recognition.{family}.new: RecognitionCounts.NewBy) per year and region path, kept by
-- triggers: Count = the granted recognitions of the year not revoked with an end date, LatestAt = the latest grant or end
-- date among the granted ones (as midnight UTC, normalised to one text form). The in-force counts (.total) depend on the
-- day asked (validity runs out), so they are counted from the records. Filled from the existing rows (Sqlite).
INSERT INTO "IndicatorTotals" ("Key", "Year", "RegionPath", "Count", "Numerator", "LatestAt")
SELECT 'recognition.' || CASE "Family" WHEN 'Demonstration' THEN 'demonstrations' WHEN 'Adoption' THEN 'adoption' WHEN 'Award' THEN 'awards'
                                     WHEN 'Brand' THEN 'brands' WHEN 'Cqo' THEN 'cqo' ELSE 'quality-strong' END || '.new',
       "Year", "RegionPath", sum(NOT ("Status" = 'Revoked' AND "EndedOn" IS NOT NULL)), 0,
       max(max(strftime('%Y-%m-%d %H:%M:%f', "GrantedOn"), coalesce(strftime('%Y-%m-%d %H:%M:%f', "EndedOn"), '')))
FROM "Recognitions" WHERE "GrantedOn" IS NOT NULL GROUP BY 1, 2, 3;

CREATE TRIGGER "Recognitions_totals_insert" AFTER INSERT ON "Recognitions"
WHEN NEW."GrantedOn" IS NOT NULL
BEGIN
    INSERT INTO "IndicatorTotals" ("Key", "Year", "RegionPath", "Count", "Numerator", "LatestAt")
    VALUES ('recognition.' || CASE NEW."Family" WHEN 'Demonstration' THEN 'demonstrations' WHEN 'Adoption' THEN 'adoption' WHEN 'Award' THEN 'awards'
                                                WHEN 'Brand' THEN 'brands' WHEN 'Cqo' THEN 'cqo' ELSE 'quality-strong' END || '.new',
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
                                                     WHEN 'Brand' THEN 'brands' WHEN 'Cqo' THEN 'cqo' ELSE 'quality-strong' END || '.new'
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
                                                     WHEN 'Brand' THEN 'brands' WHEN 'Cqo' THEN 'cqo' ELSE 'quality-strong' END || '.new'
      AND "Year" = OLD."Year" AND "RegionPath" = OLD."RegionPath";
    INSERT INTO "IndicatorTotals" ("Key", "Year", "RegionPath", "Count", "Numerator", "LatestAt")
    SELECT 'recognition.' || CASE NEW."Family" WHEN 'Demonstration' THEN 'demonstrations' WHEN 'Adoption' THEN 'adoption' WHEN 'Award' THEN 'awards'
                                              WHEN 'Brand' THEN 'brands' WHEN 'Cqo' THEN 'cqo' ELSE 'quality-strong' END || '.new',
           NEW."Year", NEW."RegionPath", NOT (NEW."Status" = 'Revoked' AND NEW."EndedOn" IS NOT NULL), 0,
           max(strftime('%Y-%m-%d %H:%M:%f', NEW."GrantedOn"), coalesce(strftime('%Y-%m-%d %H:%M:%f', NEW."EndedOn"), ''))
    WHERE NEW."GrantedOn" IS NOT NULL
    ON CONFLICT ("Key", "Year", "RegionPath") DO UPDATE SET "Count" = "Count" + excluded."Count",
        "LatestAt" = CASE WHEN "LatestAt" IS NULL OR excluded."LatestAt" > "LatestAt" THEN excluded."LatestAt" ELSE "LatestAt" END;
END;
