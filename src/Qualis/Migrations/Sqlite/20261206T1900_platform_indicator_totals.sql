-- Indicators' running totals per key, year and region path (指标累计数), kept by triggers on the counted records; the
-- counting module's own scripts add the triggers and fill the totals from existing rows (Sqlite).
CREATE TABLE "IndicatorTotals" (
    "Key" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Count" INTEGER NOT NULL,
    "Numerator" INTEGER NOT NULL,
    "LatestAt" TEXT NULL,
    CONSTRAINT "PK_IndicatorTotals" PRIMARY KEY ("Key", "Year", "RegionPath")
);
