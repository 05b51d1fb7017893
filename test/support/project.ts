/**
 * A throwaway Pulumi project folder in which `pulumi-stripe-billing` resolves to this
 * repository (as it would from a user's node_modules), for tests that load the serialized
 * provider the way Pulumi's provider host does.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { linkModules } from "../../scripts/local-stack";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export function makeProjectDir(): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "psb-project-"));
  linkModules(dir);
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Suites that load `dist/` (what Pulumi's host loads) must not run against an older build:
 * every source under provider/ and emulator/ needs a compiled file at least as new.
 */
export function assertBuilt(): void {
  const stale = staleOutputs();
  if (stale.length > 0) {
    throw new Error(
      `dist/ is ${stale.length === 1 ? "missing or older than" : "older than"} ${stale.slice(0, 3).join(", ")}${stale.length > 3 ? ` and ${stale.length - 3} more` : ""}: run \`npm run build\` first (npm test does).`,
    );
  }
}

/** Sources whose compiled file in dist/ is missing or older than the source. */
export function staleOutputs(root = REPO_ROOT): string[] {
  const stale: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        const out = path.join(root, "dist", rel.replace(/\.ts$/, ".js"));
        const source = fs.statSync(path.join(root, rel)).mtimeMs;
        if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < source) stale.push(rel);
      }
    }
  };
  for (const dir of ["provider", "emulator"]) walk(dir);
  return stale;
}
