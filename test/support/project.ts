/**
 * A throwaway Pulumi project folder in which `pulumi-stripe-billing` resolves to this
 * repository (as it would from a user's node_modules), for tests that load the serialized
 * provider the way Pulumi's provider host does.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export function makeProjectDir(): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "psb-project-"));
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "psb-test-project", private: true }),
  );
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: psb-test-project\nruntime: nodejs\n");
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(path.join(modules, "@pulumi"), { recursive: true });
  fs.symlinkSync(REPO_ROOT, path.join(modules, "pulumi-stripe-billing"), "dir");
  fs.symlinkSync(
    path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi"),
    path.join(modules, "@pulumi", "pulumi"),
    "dir",
  );
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(REPO_ROOT, "dist", "provider", "runtime.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does).");
  }
}
