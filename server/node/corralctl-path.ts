// Where this node's corralctl binary is: CORRALCTL, else the one `npm install` built.
import path from "node:path";

export function corralctlPath(): string {
  return process.env.CORRALCTL || path.join(process.cwd(), "native", "build", "corralctl");
}
