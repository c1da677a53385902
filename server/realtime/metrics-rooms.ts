// Room names on the /metrics namespace: one room per CT (by its database id).
export const ctMetricsRoom = (ctId: string) => `ct:${ctId}`;
