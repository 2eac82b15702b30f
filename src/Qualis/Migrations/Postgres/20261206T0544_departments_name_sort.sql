-- Departments in pinyin order of their names (PostgreSQL); the migration runner fills existing rows.
ALTER TABLE "Departments" ADD COLUMN "NameSort" character varying(200) COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE "Departments" ALTER COLUMN "NameSort" DROP DEFAULT;
