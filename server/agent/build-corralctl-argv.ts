// Turns a validated task spec into corralctl's argv. Only typed fields go in,
// and each value is its own argv element, so nothing can become an option
// that was not meant as one (values starting with "-" are refused).
import { AppError } from "@/server/errors/app-error";
import type { TaskSpec } from "@/server/agent/agent-messages";

function value(v: string, what: string): string {
  if (v.startsWith("-") || v.includes("\0")) throw new AppError("bad_request", `The ${what} is not valid.`, { detail: `${what} \`${v}\`` });
  return v;
}

export function buildCorralctlArgv(spec: TaskSpec): string[][] {
  switch (spec.kind) {
    case "create": {
      const argv = ["create", String(spec.ctid), "--ostemplate", value(spec.ostemplate, "OS template")];
      if (spec.hostname) argv.push("--hostname", value(spec.hostname, "hostname"));
      for (const ip of spec.ipAddresses) argv.push("--ipadd", value(ip, "IP address"));
      for (const ns of spec.nameservers) argv.push("--nameserver", value(ns, "nameserver"));
      if (spec.ramBytes) argv.push("--ram", String(spec.ramBytes));
      if (spec.swapBytes) argv.push("--swap", String(spec.swapBytes));
      if (spec.diskBytes) argv.push("--diskspace", String(spec.diskBytes));
      return spec.start ? [argv, ["start", String(spec.ctid)]] : [argv];
    }
    case "start":
    case "destroy":
    case "suspend":
    case "resume":
      return [[spec.kind, String(spec.ctid)]];
    case "stop":
    case "restart": {
      const argv = [spec.kind, String(spec.ctid)];
      if (spec.fast) argv.push("--fast");
      if (spec.timeoutSeconds) argv.push("--timeout", String(spec.timeoutSeconds));
      return [argv];
    }
    case "reinstall":
      return [spec.ostemplate ? ["reinstall", String(spec.ctid), "--ostemplate", value(spec.ostemplate, "OS template")] : ["reinstall", String(spec.ctid)]];
    case "set": {
      const argv = ["set", String(spec.ctid)];
      if (spec.hostname) argv.push("--hostname", value(spec.hostname, "hostname"));
      for (const ip of spec.ipDel) argv.push("--ipdel", value(ip, "IP address"));
      for (const ip of spec.ipAdd) argv.push("--ipadd", value(ip, "IP address"));
      for (const ns of spec.nameservers) argv.push("--nameserver", value(ns, "nameserver"));
      return [argv];
    }
    case "template-build":
      return [["template", "build", spec.name]];
  }
}
