import type http from "node:http";

// Resolves once listening; a taken or forbidden port becomes a one-line, actionable error.
export function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (err.code === "EADDRINUSE") reject(new Error(`port ${port} is already in use: stop the other process or set PORT to a free port`));
      else if (err.code === "EACCES") reject(new Error(`no permission to listen on port ${port}: use a port above 1023 or run as root`));
      else reject(new Error(`cannot listen on ${host}:${port}: ${err.message}`));
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}
