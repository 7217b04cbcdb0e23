// Type-checks Grafana dashboard JSON files against the Grafana Foundation SDK types (see dashboard-schema.ts).
// Usage: node check.mjs <dashboard.json>...   Exit code 0 when every file passes, 1 otherwise, 2 on bad usage.
// Each file becomes, in memory, `export const dashboard = <json> satisfies Dashboard;` and is compiled with the
// TypeScript compiler API; errors are reported against the JSON file's own line and column.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node check.mjs <dashboard.json>...");
  process.exit(2);
}

const header = 'import type { Dashboard } from "./dashboard-schema";\n';
const headerLines = 1;
const virtual = new Map(); // virtual .ts path -> { source, jsonFile }
let failures = 0;
files.forEach((file, i) => {
  const json = fs.readFileSync(file, "utf8").trim();
  try {
    JSON.parse(json);
  } catch (e) {
    console.error(`${file}: not valid JSON: ${e.message}`);
    failures++;
    return;
  }
  // `satisfies` must follow the JSON on the same line (a newline before it would end the statement).
  const source = `${header}export const dashboard = ${json} satisfies Dashboard;\n`;
  virtual.set(path.join(here, `__dashboard_${i}.ts`), { source, jsonFile: file });
});

if (virtual.size > 0) {
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
  host.readFile = (f) => (virtual.has(f) ? virtual.get(f).source : readFile.call(host, f));
  host.getSourceFile = (f, lang, ...rest) =>
    virtual.has(f) ? ts.createSourceFile(f, virtual.get(f).source, lang) : getSourceFile.call(host, f, lang, ...rest);

  const program = ts.createProgram([...virtual.keys()], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const offset = "export const dashboard = ".length;
  const perFile = new Map();
  for (const d of diagnostics) {
    const v = d.file && virtual.get(d.file.fileName);
    let where = "(dashboard-schema)";
    if (v) {
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
      const jsonLine = line - headerLines + 1;
      const jsonColumn = (line === headerLines ? character - offset : character) + 1;
      where = `${v.jsonFile}:${jsonLine}:${jsonColumn}`;
      perFile.set(v.jsonFile, true);
    } else if (d.file) {
      where = d.file.fileName;
    }
    console.error(`${where}: error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n  ")}`);
    if (!v) failures++;
  }
  failures += perFile.size;
  for (const { jsonFile } of virtual.values()) {
    if (!perFile.has(jsonFile)) console.log(`${jsonFile}: OK`);
  }
}
process.exit(failures === 0 ? 0 : 1);
