// Room names on the /tasks namespace: staff see every task, a tenant's users theirs.
export const STAFF_TASKS_ROOM = "staff";
export const tenantTasksRoom = (tenantId: string) => `tenant:${tenantId}`;
