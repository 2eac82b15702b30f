-- An export's file chunks are stored as they are (STORAGE EXTERNAL: out of line, not compressed). PostgreSQL tried to
-- compress every megabyte of a CSV export with pglz: in one run of the million-enterprise CSV (230 MB), the export took
-- 6.6-6.7 s with compression and 4.6 s without, and its download 0.9-1.0 s against 0.4-0.6 s (docs/benchmarks.md).
-- XLSX files are zip archives already. The price is disk: a CSV export takes its own size for the days exports are kept.
ALTER TABLE "ExportFileChunks" ALTER COLUMN "Data" SET STORAGE EXTERNAL;
