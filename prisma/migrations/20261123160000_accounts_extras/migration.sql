-- TOTP for staff (better-auth twoFactor plugin).
ALTER TABLE "user" ADD COLUMN "two_factor_enabled" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "two_factor" (
    "id" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "backup_codes" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "verified" BOOLEAN NOT NULL DEFAULT true,
    "failed_verification_count" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMP(3),
    CONSTRAINT "two_factor_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "two_factor_secret_idx" ON "two_factor"("secret");
CREATE INDEX "two_factor_user_id_idx" ON "two_factor"("user_id");
ALTER TABLE "two_factor" ADD CONSTRAINT "two_factor_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Frequent filters of the accounts pages.
CREATE INDEX "tenant_status_idx" ON "tenant"("status");
CREATE INDEX "api_token_prefix_idx" ON "api_token"("prefix");
