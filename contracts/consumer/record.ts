// Turns one ContractCase into a PactV4 interaction and runs its SDK call against the mock server. Every
// request also carries the SigV4 `authorization` header, matched by shape only, and every interaction the
// catalogue rules it checks.
//
// Under CPU load the Rust mock server can answer a request before it records the match, so pact-js's check
// right after the test reports "expected but not received" although the client got the matched answer
// (pact-foundation/pact-reference#535, pact-js#1835; seen here about 1 run in 10 when test files run in
// parallel). The mock server answers a request that does not match with a 500 and a mismatch, so a client that
// got the example answer and passed its assertions proves the match. In that case, and only then, the case is
// recorded once more. A failed attempt writes nothing: PactV4 writes the file only after a successful test.
import type { PactV4 } from '@pact-foundation/pact'
import { consumerClient, sigv4Authorization, type ContractCase } from './contract-kit'

/** Gives the mock server's bookkeeping a moment before pact-js reads it (makes the race rarer, not impossible). */
const SETTLE_MS = 10
const MAX_ATTEMPTS = 3

async function recordOnce(pact: PactV4, c: ContractCase, onExercised: () => void): Promise<void> {
  const { request: req, response: res } = c
  const given = c.params ? pact.addInteraction().given(c.state, c.params) : pact.addInteraction().given(c.state)
  // The rules travel in the pact as data (comments.rules: a JSON array), so the provider side attributes
  // verdicts from them, also for pacts it only reads (src/verification/verification-results.ts declaredRules).
  await given
    .comment({ key: 'rules', value: JSON.stringify(c.rules) })
    .uponReceiving(c.description)
    .withRequest(req.method, req.path, (b) => {
      b.headers({ authorization: sigv4Authorization() })
      if (req.query) b.query(req.query)
      // jsonBody adds Content-Type itself (setting it too would store the header twice).
      if (req.body !== undefined) b.jsonBody(req.body)
    })
    .willRespondWith(res.status, (b) => {
      if (res.headers) b.headers(res.headers)
      if (res.body !== undefined) b.jsonBody(res.body)
    })
    .executeTest(async (mockServer) => {
      const client = consumerClient(mockServer.url)
      try {
        await c.exercise(client)
        onExercised()
      } finally {
        client.destroy()
      }
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
    })
}

export async function recordCase(pact: PactV4, c: ContractCase): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    let exercised = false
    try {
      await recordOnce(pact, c, () => (exercised = true))
      return
    } catch (e) {
      const bookkeepingRace = exercised && /expected but not received/.test((e as Error).message)
      if (!bookkeepingRace || attempt >= MAX_ATTEMPTS) throw e
    }
  }
}
