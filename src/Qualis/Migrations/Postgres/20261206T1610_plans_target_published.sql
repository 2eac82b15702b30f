-- Plans: whether the plan's office publishes each city's progress on a target on the public side (公开) (PostgreSQL).
ALTER TABLE "PlanTargets" ADD COLUMN "Published" boolean NOT NULL DEFAULT FALSE;
