// Tests create and drop databases; refuse anything that is not on this machine.
export function assertLocalDatabase(url: string): void {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new Error(`refusing to test against \`${url}\`: not a URL`);
  }
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host))
    throw new Error(`refusing to test against database host \`${host}\`: tests create and drop databases, so they run only on 127.0.0.1`);
}
