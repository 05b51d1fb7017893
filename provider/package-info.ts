import * as fs from "node:fs";
import * as path from "node:path";

let root: string | undefined;
let version: string | undefined;

/** This package's folder, found from wherever the code runs (source, dist, node_modules). */
export function packageRoot(): string {
  if (root) return root;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (
      fs.existsSync(file) &&
      (JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string }).name === "pulumi-stripe-billing"
    ) {
      return (root = dir);
    }
    if (path.dirname(dir) === dir)
      throw new Error("pulumi-stripe-billing: cannot find the package's own package.json");
  }
}

/** This package's version, as its package.json says (read once). */
export function packageVersion(): string {
  if (version) return version;
  const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as {
    version?: string;
  };
  return (version = pkg.version ?? "0.0.0");
}
