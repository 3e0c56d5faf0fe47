// Regenerate src/api/schema.d.ts from the server's OpenAPI document.
//   npm run gen:api                       # from the Python app (create_app), no server needed
//   npm run gen:api -- http://127.0.0.1:8000/openapi.json   # from a running server
//   npm run gen:api -- openapi.json       # from a saved document
//   npm run gen:api -- --out FILE [SOURCE] # write FILE instead (tests/api/test_openapi.py
//                                          # diffs it with schema.d.ts: CI fails when stale)
//   node scripts/gen-api.mjs --console [--out FILE] [SOURCE]
//                                          # the operator console's console/src/api/schema.d.ts:
//                                          # only the operations tagged `console…`
// The Python used for create_app: $PYTHON, else the repository's .venv, else python3.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'

const root = fileURLToPath(new URL('../..', import.meta.url))
let out = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url))
const args = process.argv.slice(2)
const consoleAt = args.indexOf('--console')
const forConsole = consoleAt >= 0
if (forConsole) {
  args.splice(consoleAt, 1)
  out = fileURLToPath(new URL('../console/src/api/schema.d.ts', import.meta.url))
}
const outAt = args.indexOf('--out')
if (outAt >= 0) {
  out = args[outAt + 1]
  args.splice(outAt, 2)
}
const source = args[0]

let schema
if (source && /^https?:\/\//.test(source)) {
  const res = await fetch(source)
  if (!res.ok) throw new Error(`${source}: HTTP ${res.status}`)
  schema = await res.json()
} else if (source) {
  schema = JSON.parse(readFileSync(source, 'utf8'))
} else {
  const venv = `${root}.venv/bin/python`
  const python = process.env.PYTHON || (existsSync(venv) ? venv : 'python3')
  const code = [
    'import json, tempfile',
    'from mcert.main import create_app',
    'from mcert.settings import Settings',
    'd = tempfile.mkdtemp()',
    "app = create_app(Settings(env='test', data_dir=d, database_url=f'sqlite:///{d}/x.db'))",
    'print(json.dumps(app.openapi(), ensure_ascii=False))',
  ].join('\n')
  schema = JSON.parse(execFileSync(python, ['-c', code], { cwd: root, encoding: 'utf8' }))
}
if (forConsole) {
  // Keep the console's operations only (tags `console`, `console-…`); the schemas stay whole.
  const isConsole = (op) => (op?.tags ?? []).some((t) => String(t).startsWith('console'))
  const kept = {}
  for (const [path, item] of Object.entries(schema.paths ?? {})) {
    const ops = Object.fromEntries(
      Object.entries(item).filter(([k, v]) => !['get', 'post', 'put', 'patch', 'delete'].includes(k) || isConsole(v)),
    )
    if (['get', 'post', 'put', 'patch', 'delete'].some((m) => m in ops)) kept[path] = ops
  }
  schema = { ...schema, paths: kept }
}
const ast = await openapiTS(schema)
const header =
  '// Generated from the server\'s /openapi.json by scripts/gen-api.mjs (npm run gen:api).\n' +
  '// Do not edit by hand.\n\n'
writeFileSync(out, header + astToString(ast))
console.log(`wrote ${out}`)
