-- The spot-check pass rate's totals (supervision.pass-rate) per result year and region path, kept by triggers: Count =
-- the checks with a result and a result date, Numerator = those whose final result (the re-test's when there was one)
-- is Pass, LatestAt = the latest result date as midnight UTC. Filled from the existing checks (Postgres). Checks are
-- updated often: the update trigger fires only for the columns counted.
INSERT INTO "IndicatorTotals" ("Key", "Year", "RegionPath", "Count", "Numerator", "LatestAt")
SELECT 'supervision.pass-rate', extract(year FROM "ResultOn")::int, "RegionPath", count(*),
       count(*) FILTER (WHERE COALESCE("RetestResult", "Result") = 'Pass'), max("ResultOn")::timestamp AT TIME ZONE 'UTC'
FROM "SpotChecks" WHERE "Result" IS NOT NULL AND "ResultOn" IS NOT NULL GROUP BY 1, 2, 3;

CREATE FUNCTION qualis_supervision_indicator_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD."Result" IS NOT NULL AND OLD."ResultOn" IS NOT NULL THEN
        PERFORM qualis_indicator_total_add('supervision.pass-rate', extract(year FROM OLD."ResultOn")::int, OLD."RegionPath",
            -1, -(COALESCE(OLD."RetestResult", OLD."Result") = 'Pass')::int, NULL);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW."Result" IS NOT NULL AND NEW."ResultOn" IS NOT NULL THEN
        PERFORM qualis_indicator_total_add('supervision.pass-rate', extract(year FROM NEW."ResultOn")::int, NEW."RegionPath",
            1, (COALESCE(NEW."RetestResult", NEW."Result") = 'Pass')::int, NEW."ResultOn"::timestamp AT TIME ZONE 'UTC');
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "SpotChecks_totals_insert" AFTER INSERT ON "SpotChecks"
FOR EACH ROW WHEN (NEW."Result" IS NOT NULL AND NEW."ResultOn" IS NOT NULL) EXECUTE FUNCTION qualis_supervision_indicator_totals();

CREATE TRIGGER "SpotChecks_totals_delete" AFTER DELETE ON "SpotChecks"
FOR EACH ROW WHEN (OLD."Result" IS NOT NULL AND OLD."ResultOn" IS NOT NULL) EXECUTE FUNCTION qualis_supervision_indicator_totals();

CREATE TRIGGER "SpotChecks_totals_update" AFTER UPDATE OF "Result", "RetestResult", "ResultOn", "RegionPath" ON "SpotChecks"
FOR EACH ROW WHEN (OLD."Result" IS DISTINCT FROM NEW."Result" OR OLD."RetestResult" IS DISTINCT FROM NEW."RetestResult"
                   OR OLD."ResultOn" IS DISTINCT FROM NEW."ResultOn" OR OLD."RegionPath" IS DISTINCT FROM NEW."RegionPath")
EXECUTE FUNCTION qualis_supervision_indicator_totals();
