// Calibration recovers the choices a recorded target made: recordings are made against embedded stubs
// serving known non-default combinations, and the profile must name exactly those values for every choice
// the recording exercised, list the rest as unsettled (never guessed), and replay the recording faithfully.
import { afterEach, describe, expect, it } from 'vitest'
import { SEQUENTIAL_PROPERTIES } from '../../src/properties'
import { calibrate } from '../../src/choices/calibrate-from-recordings'
import type { Cmd } from '../../src/harness/commands'
import { compareWithRecording, record, sampleCommands, type Recording } from '../../src/harness/recording'
import { CHOICE_OPTIONS, DEFAULT_CHOICES } from '../../src/choices/catalogue'
import { parseChoicesProfile, profileChoices, rulesSettledBy, type ChoicesProfile } from '../../src/choices/profile'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'

const targets: Target[] = []
afterEach(async () => {
  for (const t of targets.splice(0)) await t.close()
})

async function stub(choices: Record<string, string>, quirks: string[] = []): Promise<Target> {
  const t = await createTarget({ target: 'stub', stub: { modelOptions: { choices, quirks } } })
  targets.push(t)
  return t
}

function vocabulary(id: string) {
  const def = SEQUENTIAL_PROPERTIES.find((p) => p.id === id)
  if (!def) throw new Error(`no property ${id}`)
  return def
}

async function recordOn(
  choices: Record<string, string>,
  property: string,
  seed: number,
  count: number,
  quirks: string[] = [],
): Promise<Recording> {
  return record(await stub(choices, quirks), sampleCommands(vocabulary(property), seed, count), seed)
}

/** Every settled value is the served one, and nothing is claimed that the recordings did not show. */
function expectRecovered(profile: ChoicesProfile, served: Record<string, string>, mustSettle: string[]): void {
  const truth = { ...DEFAULT_CHOICES, ...served } as Record<string, string>
  for (const [name, s] of Object.entries(profile.settled)) expect(s.value, name).toBe(truth[name])
  for (const name of mustSettle) expect(profile.settled[name]?.value, `${name} settled`).toBe(truth[name])
  // unsettled: the recordings did not tell the values apart (or not all of them); the truth stays possible
  for (const u of profile.unsettled) {
    expect(['no-evidence', 'ambiguous'], `${u.choice}: ${u.detail}`).toContain(u.reason)
    expect(u.candidates).toContain(truth[u.choice])
  }
  expect(Object.keys(profile.settled).length + profile.unsettled.length).toBe(Object.keys(CHOICE_OPTIONS).length)
  expect(profile.residual).toEqual({ steps: 0, detail: [] })
}

describe('calibration from recordings of stubs serving known choices', () => {
  const combos: {
    name: string
    served: Record<string, string>
    mustSettle?: string[]
    recordings: [string, number, number][]
  }[] = [
    {
      name: 'checksum answers',
      served: {
        checksumConflictError: 'ResourceInUseException',
        aliasVersionField: 'highest',
        checksumInput: 'template-only',
      },
      recordings: [['checksum-conflict', 1, 60]],
    },
    {
      name: 'version numbering and version checksums',
      served: {
        versionNumbering: 'reuse-after-highest-deleted',
        numberedVersionSha256: 'own',
        checksumInput: 'template-only',
      },
      recordings: [
        ['immutability', 1, 40],
        ['pagination', 2, 20],
      ],
    },
    {
      name: 'error classes and collation',
      // the one-character sha pattern rejects a stale checksum with the validation class (here
      // InvalidRequestException) before any conflict check, which would answer InvalidRequestException too:
      // neither the pattern nor the conflict's class can be told apart, so both must stay unsettled, not guessed
      served: {
        validationErrorClass: 'InvalidRequestException',
        listViewsNameOrder: 'case-insensitive',
        sha256Pattern: 'model-literal',
        checksumConflictError: 'InvalidRequestException',
      },
      mustSettle: ['validationErrorClass', 'listViewsNameOrder'],
      recordings: [
        ['validation', 3, 20],
        ['differential', 1, 30],
      ],
    },
  ]

  for (const combo of combos) {
    it(`recovers ${combo.name} exactly`, async () => {
      const inputs = []
      for (const [property, seed, count] of combo.recordings)
        inputs.push({ file: `${property}.json`, recording: await recordOn(combo.served, property, seed, count) })
      const profile = await calibrate(inputs)
      expect(() => parseChoicesProfile(JSON.parse(JSON.stringify(profile)), 'profile')).not.toThrow()
      expectRecovered(profile, combo.served, combo.mustSettle ?? Object.keys(combo.served))
      // each settled choice shows where the recording told its values apart
      for (const s of Object.values(profile.settled)) {
        expect(s.evidence.length).toBeGreaterThan(0)
        expect(s.evidence[0]!.step).toBeGreaterThan(0)
        expect(Object.keys(s.evidence[0]!.otherValues).length).toBeGreaterThan(0)
      }
      // a stub serving the profile replays the recordings without a difference
      for (const { recording } of inputs)
        expect(await compareWithRecording(recording, await stub(profileChoices(profile)))).toEqual([])
    }, 120_000)
  }

  it('settles what a ClientToken retry answers once the view changed (R6a), for each of its values', async () => {
    const content = (title: string) => ({ Template: JSON.stringify({ Head: { Title: title }, Body: [] }), Actions: [] })
    // created PUBLISHED (c1), $LATEST moves to c2, the draft to c3, then the retry: each value answers another view
    const cmds: Cmd[] = [
      { op: 'CreateView', slot: 0, status: 'PUBLISHED', content: content('c1'), name: 'retried', clientToken: 'tok' },
      { op: 'UpdateViewContent', slot: 0, status: 'PUBLISHED', content: content('c2'), ref: 'id' },
      { op: 'UpdateViewContent', slot: 0, status: 'SAVED', content: content('c3'), ref: 'id' },
      { op: 'RetryCreateView', slot: 0 },
    ]
    for (const value of CHOICE_OPTIONS.clientTokenRetryAnswer) {
      const rec = await record(await stub({ clientTokenRetryAnswer: value }), cmds, 1)
      const profile = await calibrate([{ file: `retry-${value}.json`, recording: rec }], { maxSweeps: 1 })
      expect(profile.settled.clientTokenRetryAnswer?.value, value).toBe(value)
      expect(profile.settled.clientTokenRetryAnswer?.evidence[0]).toMatchObject({ step: 4, command: 'RetryCreateView' })
    }
  }, 120_000)

  it('a recording that never exercises a choice leaves it unsettled instead of guessing the default', async () => {
    const prelude = vocabulary('differential').prelude!
    const rec = await record(
      await stub({ versionNumbering: 'reuse-after-highest-deleted', checksumConflictError: 'ResourceInUseException' }),
      prelude,
      1,
    )
    const profile = await calibrate([{ file: 'short.json', recording: rec }])
    for (const name of ['versionNumbering', 'checksumConflictError', 'validationErrorClass']) {
      expect(profile.settled[name], name).toBeUndefined()
      expect(profile.unsettled.find((u) => u.choice === name)).toMatchObject({
        reason: 'no-evidence',
        candidates: [...CHOICE_OPTIONS[name as keyof typeof CHOICE_OPTIONS]],
      })
    }
    expect(profile.residual.steps).toBe(0)
  })

  it('a target whose behaviour no known value reproduces gets no-match, not a guess', async () => {
    // a stale checksum accepted: every checksumConflictError value answers an error where the target succeeded
    const rec = await recordOn({}, 'checksum-conflict', 1, 40, ['checksum-not-checked'])
    const profile = await calibrate([{ file: 'quirky.json', recording: rec }])
    expect(profile.settled.checksumConflictError).toBeUndefined()
    expect(profile.unsettled.find((u) => u.choice === 'checksumConflictError')).toMatchObject({ reason: 'no-match' })
    expect(profile.residual.steps).toBeGreaterThan(0)
  })

  it('fields no choice governs that differ (a real service generates its own InputSchema) do not hide the choices', async () => {
    const served = { checksumConflictError: 'ResourceInUseException', aliasVersionField: 'highest' }
    const rec = await recordOn(served, 'checksum-conflict', 1, 40)
    const otherSchema = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(otherSchema)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v).map(([k, x]) => [
                k,
                k === 'InputSchema' ? '{"generated":"elsewhere"}' : otherSchema(x),
              ]),
            )
          : v
    const live: Recording = {
      ...rec,
      steps: rec.steps.map((s) => ({ ...s, answer: otherSchema(s.answer) as typeof s.answer })),
    }
    const profile = await calibrate([{ file: 'live.json', recording: live }])
    expect(profile.settled.checksumConflictError?.value).toBe('ResourceInUseException')
    expect(profile.settled.aliasVersionField?.value).toBe('highest')
    expect(profile.settled.checksumConflictError!.evidence[0]!.recorded).toMatch(
      /^\/error = "ResourceInUseException"; \/status = 409$/,
    )
    // what no choice explains is reported, not absorbed
    expect(profile.residual.steps).toBeGreaterThan(0)
    expect(profile.residual.detail[0]).toMatch(/InputSchema/)
  }, 120_000)

  it('recordings of different targets are refused', async () => {
    const a = await recordOn({}, 'differential', 1, 5)
    await expect(
      calibrate([
        { file: 'a', recording: a },
        { file: 'b', recording: { ...a, target: { kind: 'aws', label: 'aws us-east-1', region: 'us-east-1' } } },
      ]),
    ).rejects.toThrow(/different targets/)
  })
})

describe('choices profiles', () => {
  const base = {
    format: 'connect-views-conformance/choices-profile',
    version: 1,
    calibratedAt: '2026-11-30T00:00:00.000Z',
    targetKind: 'aws',
    sources: [],
    unsettled: [],
    residual: { steps: 0, detail: [] },
  }

  it('refuses a document that is not a profile, a malformed one, and values the stub cannot serve', () => {
    expect(() => parseChoicesProfile({ format: 'x' }, 'f.json')).toThrow(/^f\.json: not a choices profile/)
    expect(() => parseChoicesProfile({ ...base, settled: [] }, 'f.json')).toThrow(
      /^f\.json: invalid choices profile: \/settled/,
    )
    expect(() => parseChoicesProfile({ ...base, settled: { nope: { value: 'x', evidence: [] } } }, 'f.json')).toThrow(
      /unknown choice "nope"/,
    )
    expect(() =>
      parseChoicesProfile({ ...base, settled: { versionNumbering: { value: 'sometimes', evidence: [] } } }, 'f.json'),
    ).toThrow(/"sometimes" is not one of/)
  })

  it('a stub serving a profile serves the settled values and the served value of an unsettled choice, nothing else', () => {
    const profile = {
      settled: { checksumConflictError: { value: 'ResourceInUseException', evidence: [] } },
      unsettled: [
        {
          choice: 'malformedQualifierError',
          reason: 'ambiguous' as const,
          candidates: ['InvalidRequestException', 'ResourceNotFoundException'],
          detail: '',
          served: 'InvalidRequestException',
        },
        {
          choice: 'versionNumbering',
          reason: 'no-evidence' as const,
          candidates: ['never-reuse', 'reuse-after-highest-deleted'],
          detail: '',
        },
      ],
    }
    expect(profileChoices(profile)).toEqual({
      checksumConflictError: 'ResourceInUseException',
      malformedQualifierError: 'InvalidRequestException',
    })
    expect([...rulesSettledBy(profile)]).toEqual(['R12']) // a served value is no evidence: R39 stays as the catalogue says
  })

  it('a rule becomes assertable only when every choice it rests on is settled', () => {
    const settled = (names: Record<string, string>) =>
      Object.fromEntries(Object.entries(names).map(([n, value]) => [n, { value, evidence: [] }]))
    expect([...rulesSettledBy({ settled: settled({ checksumConflictError: 'InvalidParameterException' }) })]).toEqual([
      'R12',
    ])
    // R4 rests on publishedTemplateValidation and on validationErrorClass (its error class)
    expect(rulesSettledBy({ settled: settled({ publishedTemplateValidation: 'none' }) }).has('R4')).toBe(false)
    expect(
      rulesSettledBy({
        settled: settled({ publishedTemplateValidation: 'none', validationErrorClass: 'InvalidRequestException' }),
      }).has('R4'),
    ).toBe(true)
  })
})
