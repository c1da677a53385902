import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  { ignores: [".next*/**", "test-results*/**", "node_modules/**", "native/**", "build/**", "server/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];

export default config;
