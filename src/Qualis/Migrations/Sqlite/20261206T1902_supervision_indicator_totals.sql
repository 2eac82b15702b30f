-- The spot-check pass rate's totals (supervision.pass-rate) per result year and region path, kept by triggers: Count =
-- the checks with a result and a result date, Numerator = those whose final result (the re-test's when there was one)
-- is Pass, LatestAt = the latest result date as midnight UTC. Filled from the existing checks (Sqlite). Checks are
-- updated often: the update trigger fires only for the columns counted.
INSERT INTO "IndicatorTotals" ("Key", "Year", "RegionPath", "Count", "Numerator", "LatestAt")
SELECT 'supervision.pass-rate', CAST(substr("ResultOn", 1, 4) AS INTEGER), "RegionPath", count(*),
       sum(coalesce("RetestResult", "Result") = 'Pass'), max(strftime('%Y-%m-%d %H:%M:%f', "ResultOn"))
FROM "SpotChecks" WHERE "Result" IS NOT NULL AND "ResultOn" IS NOT NULL GROUP BY 1, 2, 3;

CREATE TRIGGER "SpotChecks_totals_insert" AFTER INSERT ON "SpotChecks"
WHEN NEW."Result" IS NOT NULL AND NEW."ResultOn" IS NOT NULL
BEGIN
    INSERT INTO "IndicatorTotals" ("Key", "Year", "RegionPath", "Count", "Numerator", "LatestAt")
    VALUES ('supervision.pass-rate', CAST(substr(NEW."ResultOn", 1, 4) AS INTEGER), NEW."RegionPath", 1,
            coalesce(NEW."RetestResult", NEW."Result") = 'Pass', strftime('%Y-%m-%d %H:%M:%f', NEW."ResultOn"))
    ON CONFLICT ("Key", "Year", "RegionPath") DO UPDATE SET "Count" = "Count" + 1, "Numerator" = "Numerator" + excluded."Numerator",
        "LatestAt" = CASE WHEN "LatestAt" IS NULL OR excluded."LatestAt" > "LatestAt" THEN excluded."LatestAt" ELSE "LatestAt" END;
END;

CREATE TRIGGER "SpotChecks_totals_delete" AFTER DELETE ON "SpotChecks"
WHEN OLD."Result" IS NOT NULL AND OLD."ResultOn" IS NOT NULL
BEGIN
    UPDATE "IndicatorTotals" SET "Count" = "Count" - 1, "Numerator" = "Numerator" - (coalesce(OLD."RetestResult", OLD."Result") = 'Pass')
    WHERE "Key" = 'supervision.pass-rate' AND "Year" = CAST(substr(OLD."ResultOn", 1, 4) AS INTEGER) AND "RegionPath" = OLD."RegionPath";
END;

CREATE TRIGGER "SpotChecks_totals_update" AFTER UPDATE OF "Result", "RetestResult", "ResultOn", "RegionPath" ON "SpotChecks"
WHEN OLD."Result" IS NOT NEW."Result" OR OLD."RetestResult" IS NOT NEW."RetestResult" OR OLD."ResultOn" IS NOT NEW."ResultOn"
  OR OLD."RegionPath" IS NOT NEW."RegionPath"
BEGIN
    UPDATE "IndicatorTotals" SET "Count" = "Count" - 1, "Numerator" = "Numerator" - (coalesce(OLD."RetestResult", OLD."Result") = 'Pass')
    WHERE OLD."Result" IS NOT NULL AND OLD."ResultOn" IS NOT NULL
      AND "Key" = 'supervision.pass-rate' AND "Year" = CAST(substr(OLD."ResultOn", 1, 4) AS INTEGER) AND "RegionPath" = OLD."RegionPath";
    INSERT INTO "IndicatorTotals" ("Key", "Year", "RegionPath", "Count", "Numerator", "LatestAt")
    SELECT 'supervision.pass-rate', CAST(substr(NEW."ResultOn", 1, 4) AS INTEGER), NEW."RegionPath", 1,
           coalesce(NEW."RetestResult", NEW."Result") = 'Pass', strftime('%Y-%m-%d %H:%M:%f', NEW."ResultOn")
    WHERE NEW."Result" IS NOT NULL AND NEW."ResultOn" IS NOT NULL
    ON CONFLICT ("Key", "Year", "RegionPath") DO UPDATE SET "Count" = "Count" + 1, "Numerator" = "Numerator" + excluded."Numerator",
        "LatestAt" = CASE WHEN "LatestAt" IS NULL OR excluded."LatestAt" > "LatestAt" THEN excluded."LatestAt" ELSE "LatestAt" END;
END;
