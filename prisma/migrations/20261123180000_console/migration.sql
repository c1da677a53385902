-- Browser consoles and shells: the shell's reconnect token (its hash) on the
-- session row, and one-time console tickets for the /console socket handshake.
ALTER TABLE "console_session" ADD COLUMN "reconnect_hash" TEXT;
CREATE UNIQUE INDEX "console_session_reconnect_hash_key" ON "console_session"("reconnect_hash");

CREATE TABLE "console_ticket" (
    "token_hash" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "ct_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "console_ticket_pkey" PRIMARY KEY ("token_hash")
);
CREATE INDEX "console_ticket_user_id_idx" ON "console_ticket"("user_id");
CREATE INDEX "console_ticket_ct_id_idx" ON "console_ticket"("ct_id");
CREATE INDEX "console_ticket_expires_at_idx" ON "console_ticket"("expires_at");
ALTER TABLE "console_ticket" ADD CONSTRAINT "console_ticket_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "console_ticket" ADD CONSTRAINT "console_ticket_ct_id_fkey" FOREIGN KEY ("ct_id") REFERENCES "ct"("id") ON DELETE CASCADE ON UPDATE CASCADE;
