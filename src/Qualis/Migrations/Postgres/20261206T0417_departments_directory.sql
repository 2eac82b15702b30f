-- Departments (协作部门名录): the departments that lead or share the quality-improvement measures, with their former names (PostgreSQL).
CREATE TABLE "Departments" (
    "Id" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Aliases" character varying(400),
    "Kind" text NOT NULL,
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "Active" boolean NOT NULL,
    CONSTRAINT "PK_Departments" PRIMARY KEY ("Id")
);

-- One name per region: a double-clicked form cannot create a department twice.
CREATE UNIQUE INDEX "IX_Departments_RegionCode_Name" ON "Departments" ("RegionCode", "Name");

CREATE INDEX "IX_Departments_RegionPath" ON "Departments" ("RegionPath");
