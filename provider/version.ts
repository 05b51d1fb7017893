import * as fs from "node:fs";
import * as path from "node:path";

let cached: string | undefined;

/** This package's version, read from its package.json wherever the code runs from (source or dist). */
export function packageVersion(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "pulumi-stripe-billing") return (cached = pkg.version ?? "0.0.0");
    }
    if (path.dirname(dir) === dir) return (cached = "0.0.0");
  }
}
