-- Witnesses of a draw (见证人, format 3): named with their deadline in the commitment record before the draw, each gives a value
-- in their own account after it; the seed the draw uses is derived from the committed secret, the record and their values.
-- The fallback public value applied after the deadline when a witness did not answer, and witnesses.tsv as the draw used it.
ALTER TABLE "Draws" ADD "WitnessDeadline" timestamp with time zone NULL;
ALTER TABLE "Draws" ADD "WitnessList" text NULL;
ALTER TABLE "Draws" ADD "WitnessesFile" text NULL;
ALTER TABLE "Draws" ADD "FallbackValue" character varying(100) NULL;
ALTER TABLE "Draws" ADD "FallbackSource" character varying(300) NULL;
ALTER TABLE "Draws" ADD "FallbackAt" timestamp with time zone NULL;
ALTER TABLE "Draws" ADD "FallbackBy" character varying(64) NULL;

CREATE TABLE "DrawWitnesses" (
    "Id" uuid NOT NULL,
    "DrawId" uuid NOT NULL,
    "RegionPath" character varying(32) COLLATE "C" NOT NULL,
    "Position" integer NOT NULL,
    "Role" character varying(16) NOT NULL,
    "Name" character varying(64) NOT NULL,
    "Organisation" character varying(128) NOT NULL,
    "UserName" character varying(256) NOT NULL,
    "Value" character varying(100),
    "GivenAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_DrawWitnesses" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_DrawWitnesses_DrawId_Position" ON "DrawWitnesses" ("DrawId", "Position");
CREATE UNIQUE INDEX "IX_DrawWitnesses_DrawId_UserName" ON "DrawWitnesses" ("DrawId", "UserName");
CREATE INDEX "IX_DrawWitnesses_RegionPath" ON "DrawWitnesses" ("RegionPath");
CREATE INDEX "IX_DrawWitnesses_UserName" ON "DrawWitnesses" ("UserName");
