/**
 * Jest transform for the TypeScript suites: TypeScript's own transpiler, file by file, with
 * source maps (type-checking is `npm run build`'s job). Pure JavaScript, so `npm ci` needs no
 * platform-specific native package for tests.
 */
const crypto = require("node:crypto");
const ts = require("typescript");
const { compilerOptions } = require("../tsconfig.json");

const options = {
  ...ts.convertCompilerOptionsFromJson(compilerOptions, process.cwd()).options,
  module: ts.ModuleKind.CommonJS,
  sourceMap: false,
  inlineSourceMap: true,
  inlineSources: true,
  declaration: false,
};

module.exports = {
  process(source, filename) {
    const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: filename });
    return { code: outputText };
  },
  getCacheKey(source, filename) {
    return crypto
      .createHash("sha256")
      .update(ts.version)
      .update("\0")
      .update(filename)
      .update("\0")
      .update(source)
      .digest("hex");
  },
};
