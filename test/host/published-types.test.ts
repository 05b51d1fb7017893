/**
 * The resources read Stripe's objects through the SDK's types (the `stripe` devDependency), but
 * the package's users do not install `stripe`: nothing published may import it, types included.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { assertBuilt } from "../support/project";

const DIST = path.join(__dirname, "..", "..", "dist", "provider");
const IMPORTS_SDK = /from "stripe"|import\("stripe"\)|require\("stripe"\)/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(file);
    return /\.(d\.ts|js)$/.test(entry.name) ? [file] : [];
  });
}

describe("the published provider", () => {
  beforeAll(() => assertBuilt());

  it("imports nothing from the Stripe SDK, in its code or its declaration files", () => {
    const published = files(DIST);
    expect(published.length).toBeGreaterThan(0);
    const importing = published.filter((file) => IMPORTS_SDK.test(fs.readFileSync(file, "utf8")));
    expect(importing.map((file) => path.relative(DIST, file))).toEqual([]);
  });
});
