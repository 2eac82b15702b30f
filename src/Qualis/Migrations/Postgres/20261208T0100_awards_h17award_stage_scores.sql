-- The experts score each weighted stage of a round apart (资料评审, 问询答辩, 现场评审, 综合评价), one "stage|scores" line a
-- stage on the reviewer, so AwardReviewers.Scores takes up to 2,000 characters. A line kept before (the scores without a
-- stage) counts for every scored stage, so no row is rewritten. PostgreSQL.
ALTER TABLE "AwardReviewers" ALTER COLUMN "Scores" TYPE character varying(2000);
