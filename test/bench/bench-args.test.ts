// The bench scripts' arguments go through the settings parsers: values parse, and a bad value or an unknown
// flag is one line on stderr and exit 2 (never a NaN that runs nothing).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { benchArgs } from '../../bench/support/bench-args'

afterEach(() => vi.restoreAllMocks())

/** Runs f with process.exit and stderr captured; answers the exit code and what was written. */
function exited(f: () => unknown): { code: number | undefined; stderr: string } {
  let stderr = ''
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s)
    return true
  })
  vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    throw Object.assign(new Error('exit'), { code })
  }) as never)
  try {
    f()
  } catch (e) {
    return { code: (e as { code?: number }).code, stderr }
  }
  return { code: undefined, stderr }
}

describe('bench arguments', () => {
  it('flags, lists, switches and positionals parse', () => {
    const a = benchArgs(
      ['seeds', 'budgets', 'md'],
      ['no-write'],
      ['7', '--seeds', '4', '--budgets', '60,180', '--no-write'],
    )
    expect([
      a.int('seeds', 2),
      a.list('budgets', []),
      a.text('md'),
      a.has('no-write'),
      a.positionalInt(0, 'rounds', 1),
      a.positionalInt(1, 'x', 9),
    ]).toEqual([4, ['60', '180'], undefined, true, 7, 9])
  })
  it('a bad value is one line and exit 2', () => {
    const r = exited(() => benchArgs(['seeds'], [], ['--seeds', 'abc']).int('seeds', 2))
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^[\w.-]+: --seeds: "abc" is not an integer in 1\.\.\d+\n$/)
  })
  it('an unknown flag is one line and exit 2', () => {
    const r = exited(() => benchArgs(['seeds'], [], ['--sedes', '3']))
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/--sedes/)
  })
})
