import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { staleOutputs } from "../support/project";

describe("the check that suites loading dist/ run against a current build", () => {
  it("names sources whose compiled file is missing or older, and nothing else", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "psb-build-"));
    try {
      const write = (file: string, when: number) => {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), "");
        fs.utimesSync(path.join(root, file), when, when);
      };
      write("provider/fresh.ts", 1000);
      write("dist/provider/fresh.js", 2000);
      write("provider/engine/edited.ts", 3000);
      write("dist/provider/engine/edited.js", 2000);
      write("emulator/new.ts", 1000);
      write("provider/types.d.ts", 5000);
      expect(staleOutputs(root).sort()).toEqual(["emulator/new.ts", "provider/engine/edited.ts"]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
