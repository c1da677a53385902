// The one command an admin runs on a new node, shown with its token once.
export function agentCommand(panelUrl: string, token: string): string {
  return `CORRAL_AGENT_TOKEN='${token}' node --import tsx server/agent/main.ts --panel ${panelUrl} --root /var/lib/corral`;
}
