-- Witnesses of a draw (见证人, format 3): named with their deadline in the commitment record before the draw, each gives a value
-- in their own account after it; the seed the draw uses is derived from the committed secret, the record and their values.
-- The fallback public value applied after the deadline when a witness did not answer, and witnesses.tsv as the draw used it.
ALTER TABLE "Draws" ADD "WitnessDeadline" TEXT NULL;
ALTER TABLE "Draws" ADD "WitnessList" TEXT NULL;
ALTER TABLE "Draws" ADD "WitnessesFile" TEXT NULL;
ALTER TABLE "Draws" ADD "FallbackValue" TEXT NULL;
ALTER TABLE "Draws" ADD "FallbackSource" TEXT NULL;
ALTER TABLE "Draws" ADD "FallbackAt" TEXT NULL;
ALTER TABLE "Draws" ADD "FallbackBy" TEXT NULL;

CREATE TABLE "DrawWitnesses" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DrawWitnesses" PRIMARY KEY,
    "DrawId" TEXT NOT NULL,
    "RegionPath" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "Role" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Organisation" TEXT NOT NULL,
    "UserName" TEXT NOT NULL,
    "Value" TEXT NULL,
    "GivenAt" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_DrawWitnesses_DrawId_Position" ON "DrawWitnesses" ("DrawId", "Position");
CREATE UNIQUE INDEX "IX_DrawWitnesses_DrawId_UserName" ON "DrawWitnesses" ("DrawId", "UserName");
CREATE INDEX "IX_DrawWitnesses_RegionPath" ON "DrawWitnesses" ("RegionPath");
CREATE INDEX "IX_DrawWitnesses_UserName" ON "DrawWitnesses" ("UserName");
