// ARCHITECTURE.md names files a newcomer will open: every path it names exists, the rule trace names the rule
// in its first two steps (definition and check), and the trace stays a short list.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = new URL('../../', import.meta.url).pathname
const doc = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8')
const trace = doc.split(/^## One rule end to end/m)[1]?.split(/^## /m)[0] ?? ''
/** The numbered steps of the trace: the first backticked path of each. */
const steps = [...trace.matchAll(/^\d+\. `([^`]+)`/gm)].map((m) => m[1]!)

describe('ARCHITECTURE.md', () => {
  it('every src/, test/, bench/ or contracts/ path it names exists', () => {
    const named = [...doc.matchAll(/`((?:src|test|bench|contracts)\/[\w./-]*)`/g)].map((m) => m[1]!)
    expect(named.length).toBeGreaterThan(20)
    expect(named.filter((p) => !p.includes('*') && !existsSync(join(ROOT, p)))).toEqual([])
  })
  it('the rule trace is a short numbered list of files that exist', () => {
    expect(steps.length).toBeGreaterThanOrEqual(5)
    expect(steps.length).toBeLessThanOrEqual(6)
    for (const f of steps) expect(existsSync(join(ROOT, f)), f).toBe(true)
  })
  it("the trace's rule is defined in its first file and asserted in its second", () => {
    const rule = /^## One rule end to end: (R\d+\w?)/m.exec(doc)?.[1]
    expect(rule).toBeDefined()
    expect(readFileSync(join(ROOT, steps[0]!), 'utf8')).toContain(`id: '${rule}'`)
    expect(readFileSync(join(ROOT, steps[1]!), 'utf8')).toContain(`ctx.assert('${rule}')`)
  })
})
