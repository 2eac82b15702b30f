-- The key-object indicators' totals (keyobjects.parks, .products, .industries, .enterprises; the keys of
-- KeyObjectsIndicator.KeyOf) per year and region path, kept by triggers: Count = the enrolments not withdrawn, LatestAt =
-- the latest enrolment or withdrawal time among them (normalised to one text form so it compares as time). Filled from
-- the existing enrolments (Sqlite).
INSERT INTO "IndicatorTotals" ("Key", "Year", "RegionPath", "Count", "Numerator", "LatestAt")
SELECT CASE "Kind" WHEN 'Park' THEN 'keyobjects.parks' WHEN 'Product' THEN 'keyobjects.products' WHEN 'Industry' THEN 'keyobjects.industries' ELSE 'keyobjects.enterprises' END, "Year", "RegionPath", sum("WithdrawnAt" IS NULL), 0,
       max(max(strftime('%Y-%m-%d %H:%M:%f', "EnrolledAt"), coalesce(strftime('%Y-%m-%d %H:%M:%f', "WithdrawnAt"), '')))
FROM "KeyObjectEnrolments" GROUP BY 1, 2, 3;

CREATE TRIGGER "KeyObjectEnrolments_totals_insert" AFTER INSERT ON "KeyObjectEnrolments"
BEGIN
    INSERT INTO "IndicatorTotals" ("Key", "Year", "RegionPath", "Count", "Numerator", "LatestAt")
    VALUES (CASE NEW."Kind" WHEN 'Park' THEN 'keyobjects.parks' WHEN 'Product' THEN 'keyobjects.products' WHEN 'Industry' THEN 'keyobjects.industries' ELSE 'keyobjects.enterprises' END, NEW."Year", NEW."RegionPath", NEW."WithdrawnAt" IS NULL, 0,
            max(strftime('%Y-%m-%d %H:%M:%f', NEW."EnrolledAt"), coalesce(strftime('%Y-%m-%d %H:%M:%f', NEW."WithdrawnAt"), '')))
    ON CONFLICT ("Key", "Year", "RegionPath") DO UPDATE SET "Count" = "Count" + excluded."Count",
        "LatestAt" = CASE WHEN "LatestAt" IS NULL OR excluded."LatestAt" > "LatestAt" THEN excluded."LatestAt" ELSE "LatestAt" END;
END;

CREATE TRIGGER "KeyObjectEnrolments_totals_delete" AFTER DELETE ON "KeyObjectEnrolments"
BEGIN
    UPDATE "IndicatorTotals" SET "Count" = "Count" - (OLD."WithdrawnAt" IS NULL)
    WHERE "Key" = CASE OLD."Kind" WHEN 'Park' THEN 'keyobjects.parks' WHEN 'Product' THEN 'keyobjects.products' WHEN 'Industry' THEN 'keyobjects.industries' ELSE 'keyobjects.enterprises' END AND "Year" = OLD."Year" AND "RegionPath" = OLD."RegionPath";
END;

-- Only a change of what is counted, and where: the other fields change without touching the totals.
CREATE TRIGGER "KeyObjectEnrolments_totals_update" AFTER UPDATE OF "Kind", "Year", "RegionPath", "EnrolledAt", "WithdrawnAt" ON "KeyObjectEnrolments"
WHEN OLD."Kind" IS NOT NEW."Kind" OR OLD."Year" IS NOT NEW."Year" OR OLD."RegionPath" IS NOT NEW."RegionPath"
  OR OLD."EnrolledAt" IS NOT NEW."EnrolledAt" OR OLD."WithdrawnAt" IS NOT NEW."WithdrawnAt"
BEGIN
    UPDATE "IndicatorTotals" SET "Count" = "Count" - (OLD."WithdrawnAt" IS NULL)
    WHERE "Key" = CASE OLD."Kind" WHEN 'Park' THEN 'keyobjects.parks' WHEN 'Product' THEN 'keyobjects.products' WHEN 'Industry' THEN 'keyobjects.industries' ELSE 'keyobjects.enterprises' END AND "Year" = OLD."Year" AND "RegionPath" = OLD."RegionPath";
    INSERT INTO "IndicatorTotals" ("Key", "Year", "RegionPath", "Count", "Numerator", "LatestAt")
    VALUES (CASE NEW."Kind" WHEN 'Park' THEN 'keyobjects.parks' WHEN 'Product' THEN 'keyobjects.products' WHEN 'Industry' THEN 'keyobjects.industries' ELSE 'keyobjects.enterprises' END, NEW."Year", NEW."RegionPath", NEW."WithdrawnAt" IS NULL, 0,
            max(strftime('%Y-%m-%d %H:%M:%f', NEW."EnrolledAt"), coalesce(strftime('%Y-%m-%d %H:%M:%f', NEW."WithdrawnAt"), '')))
    ON CONFLICT ("Key", "Year", "RegionPath") DO UPDATE SET "Count" = "Count" + excluded."Count",
        "LatestAt" = CASE WHEN "LatestAt" IS NULL OR excluded."LatestAt" > "LatestAt" THEN excluded."LatestAt" ELSE "LatestAt" END;
END;
