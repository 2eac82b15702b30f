-- Notifications in the platform (站内信) and the leases of scheduled jobs (作业租约), so a job runs once across instances (PostgreSQL).
CREATE TABLE "JobLeases" (
    "Name" character varying(64) NOT NULL,
    "Holder" character varying(128) NOT NULL,
    "Until" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_JobLeases" PRIMARY KEY ("Name")
);

CREATE TABLE "Notifications" (
    "Id" uuid NOT NULL,
    "UserId" character varying(64) NOT NULL,
    "Event" character varying(16) NOT NULL,
    "Kind" character varying(64) NOT NULL,
    "Title" character varying(300) NOT NULL,
    "Link" character varying(300) NOT NULL,
    "Due" date,
    "DedupeKey" character varying(200) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ReadAt" timestamp with time zone,
    CONSTRAINT "PK_Notifications" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_Notifications_UserId_CreatedAt" ON "Notifications" ("UserId", "CreatedAt");
CREATE UNIQUE INDEX "IX_Notifications_UserId_DedupeKey" ON "Notifications" ("UserId", "DedupeKey");
CREATE INDEX "IX_Notifications_UserId_ReadAt" ON "Notifications" ("UserId", "ReadAt");
