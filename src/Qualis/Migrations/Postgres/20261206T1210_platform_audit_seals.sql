-- Seals of the audit chain (审计封签): the chain's head signed with a key outside the database, one per head; append-only like the trail (PostgreSQL).
CREATE TABLE "AuditSeals" (
    "Id" uuid NOT NULL,
    "Sequence" bigint NOT NULL,
    "HeadHash" character varying(64) NOT NULL,
    "SealedAt" timestamp with time zone NOT NULL,
    "Signature" character varying(128) NOT NULL,
    "KeyId" character varying(64) NOT NULL,
    CONSTRAINT "PK_AuditSeals" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_AuditSeals_Sequence" ON "AuditSeals" ("Sequence");

CREATE FUNCTION qualis_audit_seals_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'AuditSeals is append-only';
END
$$;

CREATE TRIGGER "AuditSeals_append_only" BEFORE UPDATE OR DELETE ON "AuditSeals"
FOR EACH ROW EXECUTE FUNCTION qualis_audit_seals_append_only();
