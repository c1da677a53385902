import pkg from "@/package.json" with { type: "json" };

export const CORRAL_VERSION: string = pkg.version;
