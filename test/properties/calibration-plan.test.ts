// The calibration plan (src/properties/calibration-plan.ts) exercises every choice: replayed on stubs serving
// each value of a choice, every pair of values answers differently at two steps at least — unless the choice
// is listed as not observable in a recording, with the reason. A choice added to src/choices/catalogue.ts that no
// step tells apart fails here. The plan stays affordable on a live account.
import { describe, expect, it } from 'vitest'
import { calibrate } from '../../src/choices/calibrate-from-recordings'
import { record } from '../../src/harness/recording'
import { CALIBRATION_PLAN, NOT_OBSERVABLE } from '../../src/properties/calibration-plan'
import { CHOICE_OPTIONS, DEFAULT_CHOICES, type ChoiceName } from '../../src/choices/catalogue'
import { stableJson } from '../../src/harness/normalise'
import { createTarget } from '../../src/targets/create-target'

/** Error classes that never coincide at one step, and ListViews' type order that lets search order show. */
const CONTRAST: Record<string, string> = {
  checksumConflictError: 'ResourceInUseException',
  listViewsTypeOrder: 'customer-managed-first',
}

/**
 * The plan's answers on a stub serving `choices`, once per combination: every choice's default value gives
 * the same combination, and a replay on a fresh stub answers the same each time.
 */
const replays = new Map<string, Promise<{ answers: string[]; calls: number }>>()
function answers(choices: Record<string, string>): Promise<{ answers: string[]; calls: number }> {
  const key = stableJson(choices)
  if (!replays.has(key)) replays.set(key, replay(choices))
  return replays.get(key)!
}

async function replay(choices: Record<string, string>): Promise<{ answers: string[]; calls: number }> {
  const target = await createTarget({ target: 'stub', stub: { modelOptions: { choices } } })
  try {
    const rec = await record(target, CALIBRATION_PLAN, 1)
    return { answers: rec.steps.map((s) => stableJson(s.answer)), calls: target.stats.calls }
  } finally {
    await target.close()
  }
}

describe('calibration plan', () => {
  it('costs fewer than 200 calls', async () => {
    const { calls } = await answers({ ...DEFAULT_CHOICES })
    expect(calls).toBeLessThanOrEqual(200)
  })

  it('tells every pair of values of every observable choice apart at two steps at least', async () => {
    const untold: string[] = []
    for (const name of Object.keys(CHOICE_OPTIONS) as ChoiceName[]) {
      if (NOT_OBSERVABLE[name]) continue
      const values = CHOICE_OPTIONS[name] as readonly string[]
      const byValue = new Map<string, string[]>()
      for (const v of values) byValue.set(v, (await answers({ ...DEFAULT_CHOICES, ...CONTRAST, [name]: v })).answers)
      values.forEach((v, i) => {
        for (const w of values.slice(i + 1)) {
          const a = byValue.get(v)!
          const b = byValue.get(w)!
          const differing = a.filter((x, step) => x !== b[step]).length + Math.abs(a.length - b.length)
          if (differing < 2) untold.push(`${name}: ${v} vs ${w} differ at ${differing} step(s)`)
        }
      })
    }
    expect(untold).toEqual([])
  }, 300_000)

  it('the choices it leaves out are really not observable (none differs anywhere)', async () => {
    for (const name of Object.keys(NOT_OBSERVABLE) as ChoiceName[]) {
      const [first, ...others] = CHOICE_OPTIONS[name] as readonly string[]
      const base = (await answers({ ...DEFAULT_CHOICES, [name]: first! })).answers
      for (const v of others) expect((await answers({ ...DEFAULT_CHOICES, [name]: v })).answers, name).toEqual(base)
    }
  }, 120_000)

  it('one recording of a stub serving non-default values settles every observable choice to them', async () => {
    const served = {
      ...CONTRAST,
      emptyTagsAwsManaged: 'empty-map',
      versionArn: 'bare',
      publishedVersionId: 'qualified',
    }
    const target = await createTarget({ target: 'stub', stub: { modelOptions: { choices: served } } })
    const rec = await record(target, CALIBRATION_PLAN, 1)
    await target.close()
    const profile = await calibrate([{ file: 'plan.json', recording: rec }])
    const truth = { ...DEFAULT_CHOICES, ...served } as Record<string, string>
    for (const [name, s] of Object.entries(profile.settled)) expect(s.value, name).toBe(truth[name])
    const unsettled = profile.unsettled.map((u) => u.choice).sort()
    expect(unsettled).toEqual(Object.keys(NOT_OBSERVABLE).sort())
  }, 300_000)
})
