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

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(REPO_ROOT, "dist", "provider", "runtime.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does).");
  }
}
