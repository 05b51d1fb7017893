import { overlay, readSpecFile, toPlain, locate, type SpecNode } from "../../provider/spec/document";

function tree(text: string, file = "f.yaml"): SpecNode {
  const { root, issues } = readSpecFile(file, text);
  expect(issues).toEqual([]);
  return root!;
}

describe("the overlay rule", () => {
  const cases: [string, string, string, unknown][] = [
    ["maps merge key by key", "a: { x: 1, y: 2 }", "a: { y: 3, z: 4 }", { a: { x: 1, y: 3, z: 4 } }],
    ["lists replace", "a: [1, 2, 3]", "a: [4]", { a: [4] }],
    ["null removes a key", "a: { x: 1, y: 2 }\nb: 1", "a: { x: null }\nb: null", { a: { y: 2 } }],
    ["a scalar replaces a map", "a: { x: 1 }", "a: 5", { a: 5 }],
    ["a map replaces a scalar", "a: 5", "a: { x: 1 }", { a: { x: 1 } }],
    ["an empty overlay changes nothing", "a: { x: 1 }", "", { a: { x: 1 } }],
    ["a key new to the base is added", "a: 1", "b: { c: [1] }", { a: 1, b: { c: [1] } }],
  ];
  it.each(cases)("%s", (_name, base, over, expected) => {
    expect(toPlain(overlay(tree(base), tree(over)))).toEqual(expected);
  });

  it("keeps where each value was written, base or overlay", () => {
    const merged = overlay(tree("a:\n  x: 1\n  y: 2\n", "base.yaml"), tree("a:\n  y: 3\n", "live.yaml"));
    expect(locate(merged, ["a", "x"])).toEqual({ file: "base.yaml", line: 2, col: 6 });
    expect(locate(merged, ["a", "y"])).toEqual({ file: "live.yaml", line: 2, col: 6 });
    // A path that is not written points at its nearest written ancestor.
    expect(locate(merged, ["a", "z", "0"])).toEqual({ file: "base.yaml", line: 2, col: 3 });
  });

  it("resolves YAML anchors and aliases", () => {
    expect(toPlain(tree("base: &b { x: 1 }\ncopy: *b\n"))).toEqual({ base: { x: 1 }, copy: { x: 1 } });
  });

  it("refuses duplicate keys", () => {
    const { issues } = readSpecFile("f.yaml", "a: 1\na: 2\n");
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: "f.yaml", line: 2, col: 1 });
  });
});
