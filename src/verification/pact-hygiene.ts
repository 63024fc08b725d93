// Committed pact files must not carry credentials, live signatures or real account ids. The consumer uses a
// fake key id (CVCPACTKEY) and matches `authorization` by shape only, so the file holds an all-zero example
// signature; this scanner is the safety net that fails the build if anything real ever slips in.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_ACCOUNT_ID } from '../model/options'

export interface PactFinding {
  file: string
  line: number
  rule: 'aws-access-key-id' | 'sigv4-signature' | 'secret-like-string' | 'security-token' | 'account-id'
  /** The offending text, shortened so the report does not repeat a secret in full. */
  excerpt: string
}

const ZERO_SIGNATURE = '0'.repeat(64)

const redact = (s: string) => (s.length <= 12 ? s : `${s.slice(0, 8)}…(${s.length} chars)`)

interface Rule {
  rule: PactFinding['rule']
  pattern: RegExp
  /** Return false to accept a match (e.g. the documented example value). */
  flag?: (m: RegExpExecArray, line: string) => boolean
}

/** The last group of a UUID is 12 hex digits and may be all decimal digits (…-555555555555): not an account id. */
const UUID_HEAD = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-$/
const endsUuid = (m: RegExpExecArray, line: string) =>
  m.index >= 24 && UUID_HEAD.test(line.slice(m.index - 24, m.index))

const RULES: readonly Rule[] = [
  // Long-term (AKIA) and temporary (ASIA) access key ids; "AKIA" alone is flagged too, it has no innocent use here.
  { rule: 'aws-access-key-id', pattern: /AKIA[0-9A-Z]*|ASIA[0-9A-Z]{16}/g },
  { rule: 'sigv4-signature', pattern: /Signature=([0-9a-f]{64})/g, flag: (m) => m[1] !== ZERO_SIGNATURE },
  // A secret access key is 40 characters of base64; session tokens, private keys and bearer tokens by name.
  {
    rule: 'secret-like-string',
    pattern: /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    flag: (m) => /[0-9]/.test(m[0]) && /[A-Z]/.test(m[0]) && /[a-z]/.test(m[0]),
  },
  {
    rule: 'secret-like-string',
    pattern:
      /-----BEGIN [A-Z ]*PRIVATE KEY-----|\bBearer [A-Za-z0-9._~+/-]{20,}|aws_secret_access_key|secretAccessKey/gi,
  },
  { rule: 'security-token', pattern: /x-amz-security-token|X-Amz-Security-Token|FwoGZXIvYXdzE[A-Za-z0-9/+=]*/g },
  {
    rule: 'account-id',
    pattern: /(?<![0-9])[0-9]{12}(?![0-9a-zA-Z])/g,
    flag: (m, line) => m[0] !== DEFAULT_ACCOUNT_ID && !endsUuid(m, line),
  },
]

export function scanPactText(text: string, file = '<text>'): PactFinding[] {
  const findings: PactFinding[] = []
  const lines = text.split('\n')
  lines.forEach((line, i) => {
    for (const r of RULES) {
      r.pattern.lastIndex = 0
      for (let m = r.pattern.exec(line); m; m = r.pattern.exec(line)) {
        if (!r.flag || r.flag(m, line)) findings.push({ file, line: i + 1, rule: r.rule, excerpt: redact(m[0]) })
      }
    }
  })
  return findings
}

/** Scans every *.json in a directory (contracts/pacts). */
export function scanPactDirectory(dir: string): { files: string[]; findings: PactFinding[] } {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
  return { files, findings: files.flatMap((f) => scanPactText(readFileSync(join(dir, f), 'utf8'), f)) }
}
