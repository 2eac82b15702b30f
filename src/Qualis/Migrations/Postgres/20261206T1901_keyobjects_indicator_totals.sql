-- The key-object indicators' totals (keyobjects.parks, .products, .industries, .enterprises; the keys of
-- KeyObjectsIndicator.KeyOf) per year and region path, kept by triggers: Count = the enrolments not withdrawn, LatestAt =
-- the latest enrolment or withdrawal time among them. Filled from the existing enrolments (Postgres).
CREATE FUNCTION qualis_keyobjects_indicator_key(p_kind text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE p_kind WHEN 'Park' THEN 'keyobjects.parks' WHEN 'Product' THEN 'keyobjects.products'
                       WHEN 'Industry' THEN 'keyobjects.industries' ELSE 'keyobjects.enterprises' END;
$$;

INSERT INTO "IndicatorTotals" ("Key", "Year", "RegionPath", "Count", "Numerator", "LatestAt")
SELECT qualis_keyobjects_indicator_key("Kind"), "Year", "RegionPath", count(*) FILTER (WHERE "WithdrawnAt" IS NULL), 0,
       max(GREATEST("EnrolledAt", "WithdrawnAt"))
FROM "KeyObjectEnrolments" GROUP BY 1, 2, 3;

CREATE FUNCTION qualis_keyobjects_indicator_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM qualis_indicator_total_add(qualis_keyobjects_indicator_key(OLD."Kind"), OLD."Year", OLD."RegionPath",
            -(OLD."WithdrawnAt" IS NULL)::int, 0, NULL);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM qualis_indicator_total_add(qualis_keyobjects_indicator_key(NEW."Kind"), NEW."Year", NEW."RegionPath",
            (NEW."WithdrawnAt" IS NULL)::int, 0, GREATEST(NEW."EnrolledAt", NEW."WithdrawnAt"));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "KeyObjectEnrolments_totals" AFTER INSERT OR DELETE ON "KeyObjectEnrolments"
FOR EACH ROW EXECUTE FUNCTION qualis_keyobjects_indicator_totals();

-- Only a change of what is counted, and where: the other fields change without touching the totals.
CREATE TRIGGER "KeyObjectEnrolments_totals_update" AFTER UPDATE OF "Kind", "Year", "RegionPath", "EnrolledAt", "WithdrawnAt" ON "KeyObjectEnrolments"
FOR EACH ROW WHEN (OLD."Kind" IS DISTINCT FROM NEW."Kind" OR OLD."Year" IS DISTINCT FROM NEW."Year" OR OLD."RegionPath" IS DISTINCT FROM NEW."RegionPath"
                   OR OLD."EnrolledAt" IS DISTINCT FROM NEW."EnrolledAt" OR OLD."WithdrawnAt" IS DISTINCT FROM NEW."WithdrawnAt")
EXECUTE FUNCTION qualis_keyobjects_indicator_totals();
