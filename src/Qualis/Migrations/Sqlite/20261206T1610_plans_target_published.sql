-- Plans: whether the plan's office publishes each city's progress on a target on the public side (公开) (SQLite).
ALTER TABLE "PlanTargets" ADD COLUMN "Published" INTEGER NOT NULL DEFAULT 0;
