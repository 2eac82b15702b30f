-- Departments in pinyin order of their names (SQLite); the migration runner fills existing rows.
ALTER TABLE "Departments" ADD COLUMN "NameSort" TEXT NOT NULL DEFAULT '';
