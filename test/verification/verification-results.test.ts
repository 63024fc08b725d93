// Per-interaction results from the verifier's JSON answer (the shape pact_ffi 0.5.4 produces).
import { describe, expect, it } from 'vitest'
import {
  formatResults,
  interactionResults,
  type PactDocument,
  type VerifierJson,
} from '../../src/verification/verification-results'

const pact: PactDocument = {
  interactions: [
    { description: 'publish without change', providerStates: [{ name: 'view V has versions 1..N', params: { N: 3 } }] },
    {
      description: 'list tags',
      providerStates: [{ name: 'view V exists', params: { tags: { b: '2', a: '1' } } }],
      comments: { rules: ['R21'] },
    },
    { description: 'describe missing', comments: { rules: 'R25' } },
    { description: 'never reported' },
  ],
}

const answer: VerifierJson = {
  result: false,
  errors: [
    {
      interaction: 'Verifying a pact between c and p Given view V has versions 1..N - publish without change',
      mismatch: {
        type: 'mismatches',
        mismatches: [
          {
            type: 'BodyMismatch',
            path: '$.View.Version',
            expected: '3',
            actual: '4',
            mismatch: 'Expected 4 (Integer) to be equal to 3 (Integer)',
          },
        ],
      },
    },
    {
      interaction: 'Verifying a pact between c and p - describe missing',
      mismatch: {
        type: 'mismatches',
        mismatches: [
          { type: 'StatusMismatch', expected: 404, actual: 403, mismatch: 'expected 404 but was 403' },
          {
            type: 'HeaderMismatch',
            key: 'x-amzn-errortype',
            mismatch:
              "Mismatch with header 'x-amzn-errortype': Expected '\u001b[1mInvalidSignatureException\u001b[0m' to match 'x'",
          },
        ],
      },
    },
  ],
  interactionResults: [
    { description: 'publish without change', result: 'Error', duration: '12ms' },
    { description: 'list tags', result: 'OK', duration: '1.5s' },
    { description: 'describe missing', result: 'Error', duration: '3ms' },
  ],
}

describe('interactionResults', () => {
  const results = interactionResults(answer, [pact])
  const by = (d: string) => results.find((r) => r.interaction === d)!

  it('one result per interaction of the pact, with its state and params (keys sorted)', () => {
    expect(results.map((r) => r.interaction)).toEqual([
      'publish without change',
      'list tags',
      'describe missing',
      'never reported',
    ])
    expect(by('publish without change').state).toBe('view V has versions 1..N {"N":3}')
    expect(by('list tags').state).toBe('view V exists {"tags":{"b":"2","a":"1"}}')
    expect(by('describe missing').state).toBe('')
  })
  it('passed interactions have no mismatch; durations are in ms', () => {
    expect(by('list tags')).toEqual({
      interaction: 'list tags',
      state: 'view V exists {"tags":{"b":"2","a":"1"}}',
      status: 'passed',
      rules: ['R21'],
      durationMs: 1500,
    })
  })
  it('rules come from the pact as data (comments.rules, an array of ids); anything else declares none', () => {
    expect(by('list tags').rules).toEqual(['R21'])
    expect(by('describe missing').rules).toEqual([]) // a string is not a list of ids
    expect(by('publish without change').rules).toEqual([])
  })
  it('failed interactions carry one readable line per mismatch, colours stripped', () => {
    expect(by('publish without change').mismatch).toBe(
      '$.View.Version: Expected 4 (Integer) to be equal to 3 (Integer)',
    )
    expect(by('describe missing').mismatch).toBe(
      "status: expected 404 but was 403\nheader x-amzn-errortype: Mismatch with header 'x-amzn-errortype': Expected 'InvalidSignatureException' to match 'x'",
    )
  })
  it('an interaction without a verdict is failed, never dropped', () => {
    expect(by('never reported')).toMatchObject({ status: 'failed', mismatch: expect.stringContaining('not verified') })
  })
  it('formatResults prints one line per interaction and a total', () => {
    const text = formatResults(results)
    expect(text).toContain('FAIL  publish without change  [given view V has versions 1..N {"N":3}]')
    expect(text).toContain('PASS  list tags  [given view V exists {"tags":{"b":"2","a":"1"}}]  (R21)')
    expect(text).toContain('        $.View.Version: Expected 4 (Integer) to be equal to 3 (Integer)')
    expect(text.split('\n').at(-1)).toBe('1/4 interactions verified, 3 failed')
  })
})
