-- The recognitions' yearly totals (recognition.{family}.new: RecognitionCounts.NewBy) per year and region path, kept by
-- triggers: Count = the granted recognitions of the year not revoked with an end date, LatestAt = the latest grant or end
-- date among the granted ones (as midnight UTC). The in-force counts (.total) depend on the day asked (validity runs
-- out), so they are counted from the records. Filled from the existing rows (Postgres).
CREATE FUNCTION qualis_recognition_indicator_key(p_family text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT 'recognition.' || CASE p_family WHEN 'Demonstration' THEN 'demonstrations' WHEN 'Adoption' THEN 'adoption' WHEN 'Award' THEN 'awards'
                                          WHEN 'Brand' THEN 'brands' WHEN 'Cqo' THEN 'cqo' ELSE 'quality-strong' END || '.new';
$$;

INSERT INTO "IndicatorTotals" ("Key", "Year", "RegionPath", "Count", "Numerator", "LatestAt")
SELECT qualis_recognition_indicator_key("Family"), "Year", "RegionPath", count(*) FILTER (WHERE NOT ("Status" = 'Revoked' AND "EndedOn" IS NOT NULL)), 0,
       max(GREATEST("GrantedOn", "EndedOn"))::timestamp AT TIME ZONE 'UTC'
FROM "Recognitions" WHERE "GrantedOn" IS NOT NULL GROUP BY 1, 2, 3;

CREATE FUNCTION qualis_recognition_indicator_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD."GrantedOn" IS NOT NULL THEN
        PERFORM qualis_indicator_total_add(qualis_recognition_indicator_key(OLD."Family"), OLD."Year", OLD."RegionPath",
            -(NOT (OLD."Status" = 'Revoked' AND OLD."EndedOn" IS NOT NULL))::int, 0, NULL);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW."GrantedOn" IS NOT NULL THEN
        PERFORM qualis_indicator_total_add(qualis_recognition_indicator_key(NEW."Family"), NEW."Year", NEW."RegionPath",
            (NOT (NEW."Status" = 'Revoked' AND NEW."EndedOn" IS NOT NULL))::int, 0, GREATEST(NEW."GrantedOn", NEW."EndedOn")::timestamp AT TIME ZONE 'UTC');
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "Recognitions_totals" AFTER INSERT OR DELETE ON "Recognitions"
FOR EACH ROW EXECUTE FUNCTION qualis_recognition_indicator_totals();

-- Only a change of what is counted, and where: a note or a document number changes without touching the totals.
CREATE TRIGGER "Recognitions_totals_update" AFTER UPDATE OF "Family", "Year", "RegionPath", "Status", "GrantedOn", "EndedOn" ON "Recognitions"
FOR EACH ROW WHEN (OLD."Family" IS DISTINCT FROM NEW."Family" OR OLD."Year" IS DISTINCT FROM NEW."Year" OR OLD."RegionPath" IS DISTINCT FROM NEW."RegionPath"
                   OR OLD."Status" IS DISTINCT FROM NEW."Status" OR OLD."GrantedOn" IS DISTINCT FROM NEW."GrantedOn" OR OLD."EndedOn" IS DISTINCT FROM NEW."EndedOn")
EXECUTE FUNCTION qualis_recognition_indicator_totals();
