-- Files of a drawn expert's on-site review notes (现场评审记录) sit beside the enterprise's evidence, marked by the
-- expert's assignment (PostgreSQL).
ALTER TABLE "AwardEvidence" ADD "ReviewerId" uuid NULL;
