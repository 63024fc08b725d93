// Parses what callers pass as ViewId (and resourceArn): bare id, customer view ARN, AWS-managed view ARN,
// each optionally qualified (R1). Parsing is syntax only; the store decides whether the target exists.

export type Qualifier = { kind: 'saved' } | { kind: 'latest' } | { kind: 'version'; version: number }

export type ViewRef =
  | { kind: 'customer-id'; viewId: string; qualifier?: Qualifier; rawQualifier?: string }
  | {
      kind: 'customer-arn'
      partition: string
      region: string
      account: string
      instanceId: string
      viewId: string
      qualifier?: Qualifier
      rawQualifier?: string
    }
  | {
      kind: 'aws-managed-arn'
      partition: string
      region: string
      name: string
      qualifier?: Qualifier
      rawQualifier?: string
    }

/** A qualifier that is syntactically present but not $SAVED, $LATEST or a positive decimal (R39). */
export class MalformedQualifier extends Error {}

const CUSTOMER_ARN = /^arn:([a-z-]+):connect:([a-z0-9-]*):(\d{12}):instance\/([^/]+)\/view\/([^/]+)$/
const AWS_MANAGED_ARN = /^arn:([a-z-]+):connect:([a-z0-9-]*):aws:view\/([^/]+)$/

export function parseQualifier(raw: string): Qualifier {
  if (raw === '$SAVED') return { kind: 'saved' }
  if (raw === '$LATEST') return { kind: 'latest' }
  if (/^[1-9][0-9]{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647) return { kind: 'version', version: Number(raw) }
  throw new MalformedQualifier(`Invalid view qualifier: ${raw}`)
}

/** Splits "x:q" on the LAST colon, which is where a qualifier would be in both id and ARN forms. */
function splitQualifier(s: string, minColons: number): [string, string | undefined] {
  const colons = s.split(':').length - 1
  if (colons <= minColons) return [s, undefined]
  const i = s.lastIndexOf(':')
  return [s.slice(0, i), s.slice(i + 1)]
}

export function parseViewRef(input: string): ViewRef | undefined {
  if (input.startsWith('arn:')) {
    // an unqualified ARN has exactly 5 colons
    const [base, rawQualifier] = splitQualifier(input, 5)
    const q = rawQualifier === undefined ? undefined : parseQualifier(rawQualifier)
    let m = CUSTOMER_ARN.exec(base)
    if (m)
      return {
        kind: 'customer-arn',
        partition: m[1],
        region: m[2],
        account: m[3],
        instanceId: m[4],
        viewId: m[5],
        qualifier: q,
        rawQualifier,
      }
    m = AWS_MANAGED_ARN.exec(base)
    if (m) return { kind: 'aws-managed-arn', partition: m[1], region: m[2], name: m[3], qualifier: q, rawQualifier }
    return undefined
  }
  const [viewId, rawQualifier] = splitQualifier(input, 0)
  if (viewId === '' || viewId.includes(':')) return undefined
  return {
    kind: 'customer-id',
    viewId,
    qualifier: rawQualifier === undefined ? undefined : parseQualifier(rawQualifier),
    rawQualifier,
  }
}

export function customerViewArn(p: {
  partition: string
  region: string
  account: string
  instanceId: string
  viewId: string
}): string {
  return `arn:${p.partition}:connect:${p.region}:${p.account}:instance/${p.instanceId}/view/${p.viewId}`
}

export function awsManagedViewArn(p: { partition: string; region: string; name: string }): string {
  return `arn:${p.partition}:connect:${p.region}:aws:view/${p.name}`
}
