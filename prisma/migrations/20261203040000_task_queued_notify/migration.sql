-- Task runners wake on a notification instead of polling every second. The
-- trigger fires at commit of the inserting transaction (NOTIFY is
-- transactional), so a task enqueued inside a longer transaction, by any
-- replica or process, is seen by every replica's runner once it is visible.
-- One notification per statement; identical payloads in one transaction fold.
CREATE FUNCTION "task_queued_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('corral_task_queued', '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER "task_queued_notify" AFTER INSERT ON "task" FOR EACH STATEMENT EXECUTE FUNCTION "task_queued_notify"();
