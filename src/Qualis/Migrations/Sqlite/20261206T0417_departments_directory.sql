-- Departments (协作部门名录): the departments that lead or share the quality-improvement measures, with their former names (SQLite).
CREATE TABLE "Departments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Departments" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Aliases" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Active" INTEGER NOT NULL
);

-- One name per region: a double-clicked form cannot create a department twice.
CREATE UNIQUE INDEX "IX_Departments_RegionCode_Name" ON "Departments" ("RegionCode", "Name");

CREATE INDEX "IX_Departments_RegionPath" ON "Departments" ("RegionPath");
