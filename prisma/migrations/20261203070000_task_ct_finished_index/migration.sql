-- applyNodeCts asks, for every CT in a node's full state list (every 30 s),
-- when that CT's last task finished: an index on (ct_id, finished_at) answers
-- it from the index's last entry instead of scanning the CT's task history.
CREATE INDEX "task_ct_id_finished_at_idx" ON "task"("ct_id", "finished_at");
