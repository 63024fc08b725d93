// The pact scanner catches what must never be committed, and accepts the documented examples.
import { describe, expect, it } from 'vitest'
import { scanPactText } from '../../src/verification/pact-hygiene'

const rules = (text: string) => scanPactText(text).map((f) => f.rule)

describe('scanPactText', () => {
  it('accepts the consumer example: fake key id, all-zero signature, example account, UUIDs', () => {
    expect(
      rules(
        JSON.stringify({
          authorization: `AWS4-HMAC-SHA256 Credential=CVCPACTKEY/20260101/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
          arn: 'arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-4333-8444-555555555555/view/0f5e7c2a-3b1d-4e8f-9a6b-7c2d1e0f3a4b',
          path: '/tags/arn%3Aaws%3Aconnect%3Aus-east-1%3A123456789012%3Ainstance%2Fi%2Fview%2Fv',
          sha: 'a'.repeat(64),
          time: 1767225600.25,
        }),
      ),
    ).toEqual([])
  })
  it('flags AWS access key ids (long-term and temporary)', () => {
    // built at run time so the repository itself never holds a key-shaped literal
    expect(rules(`Credential=${'AKIA'}IOSFODNN7EXAMPLE/20260101`)).toEqual(['aws-access-key-id'])
    expect(rules('"ASIAY34FZKBOKMUTVV7A"')).toEqual(['aws-access-key-id'])
  })
  it('flags a real-looking signature, not the all-zero example', () => {
    expect(rules(`Signature=${'3f'.repeat(32)}`)).toEqual(['sigv4-signature'])
  })
  it('flags secret-access-key-shaped strings and named secrets', () => {
    expect(rules('"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"')).toEqual(['secret-like-string'])
    expect(rules('"secretAccessKey": "x"')).toEqual(['secret-like-string'])
    expect(rules('"x-amz-security-token": ["FwoGZXIvYXdzEJr"]')).toContain('security-token')
  })
  it('flags 12-digit account ids other than 123456789012, plain or percent-encoded', () => {
    expect(rules('arn:aws:connect:us-east-1:210987654321:instance/i/view/v')).toEqual(['account-id'])
    expect(rules('arn%3Aaws%3Aconnect%3Aus-east-1%3A210987654321%3Ainstance')).toEqual(['account-id'])
    expect(rules('"1767225600123"')).toEqual([]) // 13 digits: a millisecond timestamp, not an account
  })
  it('reports the line and never the whole secret', () => {
    const [f] = scanPactText('{\n  "k": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n}', 'p.json')
    expect(f).toMatchObject({ file: 'p.json', line: 2 })
    expect(f!.excerpt).not.toContain('EXAMPLEKEY')
  })
})
