// Regenerate src/api/schema.d.ts from the server's OpenAPI document.
//   npm run gen:api                       # from the Python app (create_app), no server needed
//   npm run gen:api -- http://127.0.0.1:8000/openapi.json   # from a running server
//   npm run gen:api -- openapi.json       # from a saved document
//   npm run gen:api -- --out FILE [SOURCE] # write FILE instead (tests/api/test_openapi.py
//                                          # diffs it with schema.d.ts: CI fails when stale)
// The Python used for create_app: $PYTHON, else the repository's .venv, else python3.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'

const root = fileURLToPath(new URL('../..', import.meta.url))
let out = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url))
const args = process.argv.slice(2)
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
const ast = await openapiTS(schema)
const header =
  '// Generated from the server\'s /openapi.json by scripts/gen-api.mjs (npm run gen:api).\n' +
  '// Do not edit by hand.\n\n'
writeFileSync(out, header + astToString(ast))
console.log(`wrote ${out}`)
