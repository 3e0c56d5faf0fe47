import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SRC = fileURLToPath(new URL('.', import.meta.url))

function vueFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return vueFiles(path)
    return name.endsWith('.vue') ? [path] : []
  })
}

const pascal = (tag: string) => tag.split('-').map((p) => p[0].toUpperCase() + p.slice(1)).join('')

describe('Element Plus components', () => {
  // Read as text: element.ts imports the library, which wants a browser.
  const registry = readFileSync(join(SRC, 'element.ts'), 'utf8')
  const block = registry.slice(registry.indexOf('export const COMPONENTS'))
  const registered = new Set(block.slice(0, block.indexOf('}')).match(/El[A-Za-z]+/g) ?? [])

  it('every <el-…> tag in a screen is registered (element.ts)', () => {
    const used = new Set<string>()
    for (const file of vueFiles(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/<(el-[a-z-]+)/g)) used.add(pascal(m[1]))
    }
    expect(used.size).toBeGreaterThan(30)
    expect([...used].filter((name) => !registered.has(name))).toEqual([])
  })

  it('v-loading is installed with them', () => {
    expect(registry).toContain('app.use(ElLoading)')
  })
})
