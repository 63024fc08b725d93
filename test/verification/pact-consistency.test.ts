// The committed pact only asks the provider for values its states inject: a `${key}` typo would otherwise
// surface as a confusing mismatch at verification time (or worse, on a live run).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { COMMITTED_PACT_FILE } from '../../src/verification/pact-names'
import { INJECTED_KEYS, STATE, type StateName } from '../../src/verification/provider-states'

interface Interaction {
  description: string
  providerStates?: { name: string }[]
  request: { generators?: unknown; headers?: Record<string, string[]> }
}

const pact = JSON.parse(readFileSync(COMMITTED_PACT_FILE, 'utf8')) as { interactions: Interaction[] }

describe('committed pact ↔ provider states', () => {
  it('every interaction names exactly one known provider state', () => {
    for (const i of pact.interactions) {
      expect(i.providerStates?.length, i.description).toBe(1)
      expect(Object.values(STATE), i.description).toContain(i.providerStates![0]!.name)
    }
  })
  // biome-ignore lint/suspicious/noTemplateCurlyInString: names the Pact `${key}` expression syntax
  it('every ${key} expression is a value its state injects', () => {
    for (const i of pact.interactions) {
      const state = i.providerStates![0]!.name as StateName
      const keys = [...JSON.stringify(i.request.generators ?? {}).matchAll(/\$\{(\w+)\}/g)].map((m) => m[1])
      for (const k of keys) expect(INJECTED_KEYS[state], `${i.description}: \${${k}}`).toContain(k)
    }
  })
  it('every request carries the SigV4 authorization example and no other credential header', () => {
    for (const i of pact.interactions) {
      expect(
        Object.keys(i.request.headers ?? {})
          .map((h) => h.toLowerCase())
          .filter((h) => h !== 'content-type'),
        i.description,
      ).toEqual(['authorization'])
    }
  })
})
