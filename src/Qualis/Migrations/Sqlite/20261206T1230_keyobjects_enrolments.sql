-- Key objects (四重: 重点园区、重点产品和服务、重点行业、重点企业): each city's enrolments for a year, with who, when, why,
-- the improvement goal, and withdrawals kept with their reason (Sqlite).
CREATE TABLE "KeyObjectEnrolments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_KeyObjectEnrolments" PRIMARY KEY,
    "Year" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "CityCode" TEXT NOT NULL,
    "ObjectKey" TEXT NOT NULL,
    "ObjectName" TEXT NOT NULL,
    "ObjectNameSort" TEXT NOT NULL,
    "ProductCategoryCode" TEXT NULL,
    "Reason" TEXT NOT NULL,
    "Goal" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "EnrolledAt" TEXT NOT NULL,
    "EnrolledBy" TEXT NOT NULL,
    "WithdrawnAt" TEXT NULL,
    "WithdrawnBy" TEXT NULL,
    "WithdrawalReason" TEXT NULL,
    "RegionCode" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "IX_KeyObjectEnrolments_Active" ON "KeyObjectEnrolments" ("CityCode", "Year", "Kind", "ObjectKey") WHERE "Status" = 'Active';
CREATE INDEX "IX_KeyObjectEnrolments_Count" ON "KeyObjectEnrolments" ("Year", "Kind", "RegionPath");
CREATE INDEX "IX_KeyObjectEnrolments_List" ON "KeyObjectEnrolments" ("Year", "CityCode", "Kind", "ObjectNameSort", "Id");
CREATE INDEX "IX_KeyObjectEnrolments_RegionPath" ON "KeyObjectEnrolments" ("RegionPath");
