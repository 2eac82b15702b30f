-- Key objects (四重: 重点园区、重点产品和服务、重点行业、重点企业): each city's enrolments for a year, with who, when, why,
-- the improvement goal, and withdrawals kept with their reason (Postgres).
CREATE TABLE "KeyObjectEnrolments" (
    "Id" uuid NOT NULL,
    "Year" integer NOT NULL,
    "Kind" text NOT NULL,
    "CityCode" character varying(6) NOT NULL,
    "ObjectKey" character varying(200) NOT NULL,
    "ObjectName" character varying(200) NOT NULL,
    "ObjectNameSort" character varying(200) COLLATE "C" NOT NULL,
    "ProductCategoryCode" character varying(16),
    "Reason" character varying(1000) NOT NULL,
    "Goal" character varying(1000) NOT NULL,
    "Status" text NOT NULL,
    "EnrolledAt" timestamp with time zone NOT NULL,
    "EnrolledBy" character varying(64) NOT NULL,
    "WithdrawnAt" timestamp with time zone,
    "WithdrawnBy" character varying(64),
    "WithdrawalReason" character varying(1000),
    "RegionCode" character varying(6) NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_KeyObjectEnrolments" PRIMARY KEY ("Id")
);
CREATE UNIQUE INDEX "IX_KeyObjectEnrolments_Active" ON "KeyObjectEnrolments" ("CityCode", "Year", "Kind", "ObjectKey") WHERE "Status" = 'Active';
CREATE INDEX "IX_KeyObjectEnrolments_Count" ON "KeyObjectEnrolments" ("Year", "Kind", "RegionPath");
CREATE INDEX "IX_KeyObjectEnrolments_List" ON "KeyObjectEnrolments" ("Year", "CityCode", "Kind", "ObjectNameSort", "Id");
CREATE INDEX "IX_KeyObjectEnrolments_RegionPath" ON "KeyObjectEnrolments" ("RegionPath");
