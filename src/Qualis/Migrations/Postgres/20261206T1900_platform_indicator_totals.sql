-- Indicators' running totals per key, year and region path (指标累计数), kept by triggers on the counted records; the
-- counting module's own scripts add the triggers and fill the totals from existing rows (Postgres).
CREATE TABLE "IndicatorTotals" (
    "Key" character varying(64) NOT NULL,
    "Year" integer NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "Count" integer NOT NULL,
    "Numerator" integer NOT NULL,
    "LatestAt" timestamp with time zone,
    CONSTRAINT "PK_IndicatorTotals" PRIMARY KEY ("Key", "Year", "RegionPath")
);

-- Adds a record's part to its row (a negative count takes it away); the latest instant only grows (GREATEST skips NULL).
CREATE FUNCTION qualis_indicator_total_add(p_key text, p_year integer, p_path text, p_count integer, p_numerator integer, p_latest timestamptz)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO "IndicatorTotals" ("Key", "Year", "RegionPath", "Count", "Numerator", "LatestAt")
    VALUES (p_key, p_year, p_path, p_count, p_numerator, p_latest)
    ON CONFLICT ("Key", "Year", "RegionPath") DO UPDATE SET
        "Count" = "IndicatorTotals"."Count" + excluded."Count",
        "Numerator" = "IndicatorTotals"."Numerator" + excluded."Numerator",
        "LatestAt" = GREATEST("IndicatorTotals"."LatestAt", excluded."LatestAt");
$$;
