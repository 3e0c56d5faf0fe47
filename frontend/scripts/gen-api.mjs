// Regenerate src/api/schema.d.ts from the server's OpenAPI document.
//   npm run gen:api                       # from the Python app (create_app), no server needed
//   npm run gen:api -- http://127.0.0.1:8000/openapi.json   # from a running server
import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'

const root = fileURLToPath(new URL('../..', import.meta.url))
const out = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url))
const source = process.argv[2]

let schema
if (source) {
  const res = await fetch(source)
  if (!res.ok) throw new Error(`${source}: HTTP ${res.status}`)
  schema = await res.json()
} else {
  const python = existsSync(`${root}.venv/bin/python`) ? `${root}.venv/bin/python` : 'python3'
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
