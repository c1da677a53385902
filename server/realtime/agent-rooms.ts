// Room names on the /agents namespace: one room per node, so any replica can
// reach a node's agent (or disconnect it) through the adapter.
export const nodeRoom = (nodeId: string) => `node:${nodeId}`;
