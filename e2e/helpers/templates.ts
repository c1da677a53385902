// Helpers for the templates spec: rootfs tarballs made on the spot (a good
// one and a bad one), and the test node's templates as corralctl sees them.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { onNode } from "./cts";

/** A temp dir holding `good.tar.gz` (a small rootfs, about 3 MiB) and `bad.tar` (a symlink escaping the root). Remove with `dispose`. */
export function makeTarballs() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corral-e2e-tpl-"));
  const root = path.join(dir, "rootfs");
  fs.mkdirSync(path.join(root, "etc"), { recursive: true });
  fs.mkdirSync(path.join(root, "sbin"));
  fs.writeFileSync(path.join(root, "etc", "hostname"), "imported\n");
  fs.writeFileSync(path.join(root, "etc", "os-release"), 'NAME="e2e rootfs"\n');
  // Random bytes do not compress: the upload spans several of the panel's 512 KiB chunks.
  fs.mkdirSync(path.join(root, "usr", "share"), { recursive: true });
  fs.writeFileSync(path.join(root, "usr", "share", "blob"), crypto.randomBytes(3 * 1024 * 1024 + 12345));
  execFileSync("tar", ["-C", root, "--owner=0", "--group=0", "-czf", path.join(dir, "good.tar.gz"), "."]);
  fs.symlinkSync("../../../../etc/shadow", path.join(root, "etc", "escape"));
  execFileSync("tar", ["-C", root, "--owner=0", "--group=0", "-cf", path.join(dir, "bad.tar"), "."]);
  fs.writeFileSync(path.join(dir, "garbage.tar"), "this is not an archive\n".repeat(100));
  return { dir, good: path.join(dir, "good.tar.gz"), bad: path.join(dir, "bad.tar"), garbage: path.join(dir, "garbage.tar"), dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The test node's template names, from corralctl itself. */
export function nodeTemplates(): { name: string; created: number; os: string; size: number }[] {
  return (JSON.parse(onNode("-j", "template", "list")) as { templates: { name: string; created: number; os: string; size: number }[] }).templates;
}

/** Removes a template from the test node; a missing one is fine. */
export function removeNodeTemplate(name: string) {
  try {
    onNode("template", "remove", name);
  } catch {
    // Already gone (the test failed before importing it).
  }
}
