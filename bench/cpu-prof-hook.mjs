// bench/metrics helper: --cpu-prof for a process started through
// NODE_OPTIONS (which refuses --cpu-prof): loaded with --import, it profiles
// the whole process and writes DIR/<pid>.cpuprofile when the process exits.
// The in-thread inspector session answers synchronously, so an exit handler
// can stop the profiler and write the file.
import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";

const dir = process.env.CORRAL_BENCH_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.start");
  process.on("exit", () => {
    session.post("Profiler.stop", (err, r) => {
      if (err) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(r.profile));
    });
  });
}
