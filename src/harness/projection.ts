// What of an answer the differential run compares. Default mode keeps only fields whose behaviour is
// documented; each other field is compared when the rule behind it is asserted in the mode: inferred rules
// in strict mode, any rule a recording of live AWS confirmed (see src/spec/rules.ts, isAsserted).
// Unknown-choice fields (the checksum's bytes, InputSchema, Version on aliases, timestamps) are never
// compared by value unless confirmed.
import { isAsserted, rule, type RuleId } from '../spec'
import type { Cmd } from './commands'
import type { ConsistencyModel } from './consistency-observations'
import type { RefTable } from './normalise'

/** How reads are judged: `eventual` accepts a state up to `windowMs` old and re-reads until it converges (consistency.ts). */
export interface ConsistencyConfig {
  model: ConsistencyModel
  /** The convergence window W (`--convergence`). */
  windowMs: number
}

export interface Mode {
  strict: boolean
  /** Rule ids a recorded live run confirmed: asserted as if documented. */
  confirmed?: ReadonlySet<string>
  /** Told each non-documented rule whose fields a projection compares (an executed assertion about it). */
  onAsserted?: (rule: RuleId) => void
  /** Choice values the reference model serves (a calibrated profile's settled ones); the defaults otherwise. */
  choices?: Readonly<Record<string, string>>
  /** Absent: strong (every read is compared at once with the newest state). */
  consistency?: ConsistencyConfig
}

type Obj = Record<string, unknown>

/** Whether the fields resting on rule `id` are compared in this mode. */
function asserts(mode: Mode, id: RuleId): boolean {
  const yes = isAsserted(rule(id), mode)
  if (yes) mode.onAsserted?.(id)
  return yes
}

function pick(o: Obj | undefined, keys: string[]): Obj {
  const out: Obj = {}
  if (!o) return out
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k]
  return out
}

function content(v: Obj): Obj {
  return pick(v.Content as Obj, ['Template', 'Actions'])
}

function tags(v: Obj): Obj {
  return (v.Tags as Obj | undefined) ?? {} // absent and {} are the same statement about tags
}

/**
 * Whether a numbered version's Id or Arn carries the ":N" qualifier is open (R37; choices versionId,
 * versionArn, versionSummaryId, versionSummaryArn): unless R37 is asserted, both spellings of the same view
 * compare equal.
 */
function versioned(mode: Mode, value: unknown, version: unknown): unknown {
  if (asserts(mode, 'R37') || typeof value !== 'string' || typeof version !== 'number') return value
  return value.endsWith(`:${version}`) ? value.slice(0, -`:${version}`.length) : value
}

function viewProjection(
  v: Obj,
  refs: RefTable,
  fields: { status: boolean; sha: boolean; arn: boolean; version: boolean },
  mode?: Mode,
): Obj {
  const id = mode && fields.version ? versioned(mode, v.Id, v.Version) : v.Id
  const out: Obj = {
    Id: refs.ref('view', id),
    Name: v.Name,
    Type: v.Type,
    Description: v.Description,
    Content: content(v),
    Tags: tags(v),
  }
  if (fields.arn) out.Arn = refs.ref('arn', v.Arn)
  if (fields.status) out.Status = v.Status
  if (fields.sha) out.ViewContentSha256 = refs.ref('sha', v.ViewContentSha256)
  if (fields.version) {
    out.Version = v.Version
    out.VersionDescription = v.VersionDescription
  }
  return out
}

/** The comparable projection of a successful answer to `cmd`, restricted to `owned` view ids for lists. */
export function project(cmd: Cmd, output: Obj, refs: RefTable, mode: Mode, owned: ReadonlySet<string>): Obj {
  switch (cmd.op) {
    case 'RetryCreateView': {
      // R6: the same view (Id, Arn); what else the retry answers once the view changed is open (R6a)
      const v = output.View as Obj
      if (!asserts(mode, 'R6a')) return { View: { Id: refs.ref('view', v.Id), Arn: refs.ref('arn', v.Arn) } }
      const published = v.Status === 'PUBLISHED'
      return { View: viewProjection(v, refs, { status: true, sha: published, arn: true, version: false }) }
    }
    case 'CreateView': {
      const v = output.View as Obj
      const published = v.Status === 'PUBLISHED'
      return { View: viewProjection(v, refs, { status: true, sha: published, arn: true, version: false }) }
    }
    case 'DescribeView': {
      const v = output.View as Obj
      if (typeof cmd.qualifier === 'number') {
        // R37 (qualified Arn) and R43 (a version's snapshot) are inferred; R36 (which checksum a version reports) is
        // unknown; R31 (a version shows the view's current Name/Description) is inferred
        const out = viewProjection(
          v,
          refs,
          { status: asserts(mode, 'R43'), sha: asserts(mode, 'R36'), arn: asserts(mode, 'R37'), version: true },
          mode,
        )
        if (!asserts(mode, 'R31')) {
          delete out.Name
          delete out.Description
        }
        return { View: out }
      }
      const saved = cmd.qualifier === '$SAVED'
      // what a $SAVED snapshot reports as Status and checksum is inferred (R42)
      return {
        View: viewProjection(v, refs, {
          status: !saved || asserts(mode, 'R42'),
          sha: !saved || asserts(mode, 'R42'),
          arn: true,
          version: false,
        }),
      }
    }
    case 'UpdateViewContent': {
      const v = output.View as Obj
      if (!asserts(mode, 'R42')) return { View: { Id: refs.ref('view', v.Id), Name: v.Name, Type: v.Type } }
      return {
        View: viewProjection(v, refs, { status: true, sha: cmd.status === 'PUBLISHED', arn: true, version: false }),
      } // R42
    }
    case 'CreateViewVersion': {
      const v = output.View as Obj
      const base: Obj = {
        Id: refs.ref('view', versioned(mode, v.Id, v.Version)),
        Version: v.Version,
        Content: content(v),
      }
      if (asserts(mode, 'R43')) Object.assign(base, { Status: v.Status, VersionDescription: v.VersionDescription })
      if (asserts(mode, 'R37')) base.Arn = refs.ref('arn', v.Arn)
      return { View: base }
    }
    case 'ListViews': {
      const items = ((output.ViewsSummaryList ?? []) as Obj[]).filter((s) => owned.has(String(s.Id)))
      const mapped = items.map((s) => ({
        Id: refs.ref('view', s.Id),
        Arn: refs.ref('arn', s.Arn),
        Name: s.Name,
        Type: s.Type,
        Description: s.Description,
        ...(asserts(mode, 'R41') ? { Status: s.Status } : {}),
      }))
      // order within a type depends on an undocumented collation (R18a): compared as a set unless confirmed
      return {
        ViewsSummaryList: asserts(mode, 'R18a')
          ? mapped
          : mapped.sort((a, b) => String(a.Id).localeCompare(String(b.Id))),
        ...(output.paginationDidNotEnd ? { paginationDidNotEnd: true } : {}),
      }
    }
    case 'ListViewVersions': {
      const items = (output.ViewVersionSummaryList ?? []) as Obj[]
      return {
        ViewVersionSummaryList: items.map((s) => ({
          Id: refs.ref('view', versioned(mode, s.Id, s.Version)),
          Version: s.Version,
          VersionDescription: s.VersionDescription,
          Type: s.Type,
          ...(asserts(mode, 'R37') ? { Arn: refs.ref('arn', s.Arn) } : {}),
          // whether a version summary shows the view's current Name/Description or those at publish time is open (R31)
          ...(asserts(mode, 'R31') ? { Name: s.Name, Description: s.Description } : {}),
        })),
        ...(output.paginationDidNotEnd ? { paginationDidNotEnd: true } : {}),
      }
    }
    case 'DescribeAwsManagedView': {
      // R8: unqualified = version 1, Type AWS_MANAGED, an aws-account ARN; the views themselves differ per account.
      // Whether that ARN comes back qualified with ":1" is open (R47, choice awsManagedArn).
      const v = output.View as Obj | undefined
      if (!v) return { noAwsManagedViews: output.noAwsManagedViews === true }
      const arn = /^arn:[^:]+:connect:[^:]*:aws:view\/[^:]+(:1)?$/.exec(String(v.Arn))
      return {
        View: {
          Type: v.Type,
          Version: v.Version,
          ArnIsAwsManaged: arn !== null,
          ...(asserts(mode, 'R47') ? { ArnQualified: arn?.[1] !== undefined } : {}),
        },
      }
    }
    case 'SearchViews': {
      if (!asserts(mode, 'R46')) return {} // which views a criterion matches is inferred: success is what default mode asserts
      const items = ((output.Views ?? []) as Obj[]).filter((v) => owned.has(String(v.Id)))
      const mapped = items.map((v) => ({ Id: refs.ref('view', v.Id), Name: v.Name, Status: v.Status, Type: v.Type }))
      return { Views: mapped.sort((a, b) => String(a.Id).localeCompare(String(b.Id))) }
    }
    case 'ListTagsForResource':
      return { tags: output.tags ?? {} }
    case 'Raw':
      return {} // validation commands compare outcome classes only
    default:
      return {} // operations with empty outputs: success is the whole answer
  }
}
