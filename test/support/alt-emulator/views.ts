// The alternative emulator's state and operations, from the API reference's rules (R1–R23 there) and the
// answers of answers.ts where it is silent. Inputs are the decoded request members; answers are wire JSON.
import { createHash, randomUUID } from 'node:crypto'
import type { AltAnswers, ErrorName } from './answers'

export class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message)
  }
}

interface Content {
  Template?: string
  Actions?: string[]
}
interface Version {
  content: Content
  description?: string
  created: number
  name: string
  viewDescription?: string
}
interface View {
  id: string
  arn: string
  aws: boolean
  name: string
  description?: string
  tags: Record<string, string>
  created: number
  modified: number
  saved: Content
  savedStatus: 'SAVED' | 'PUBLISHED'
  latest?: Content
  versions: Map<number, Version>
  top: number
  token?: string
}

type In = Record<string, unknown>
const AWS_VIEWS = ['cards', 'confirmation', 'detail', 'form', 'list']
const MAX_CONTENT = 400 * 1024

export class ViewStore {
  private readonly own = new Map<string, Map<string, View>>()
  private readonly awsViews = new Map<string, View>()
  private readonly deletedTokens = new Set<string>()
  private clock = 0

  constructor(
    private readonly a: AltAnswers,
    private readonly region: string,
    private readonly account: string,
    instances: string[],
  ) {
    for (const i of instances) this.own.set(i, new Map())
    for (const name of AWS_VIEWS) {
      const content = { Template: JSON.stringify({ Head: { Title: name }, Body: [] }), Actions: ['Next'] }
      const t = Date.UTC(2023, 8, 1)
      this.awsViews.set(name, {
        ...{ id: '', aws: true, name, tags: {}, created: t, modified: t, saved: content, savedStatus: 'PUBLISHED' },
        arn: `arn:aws:connect:${region}:aws:view/${name}`,
        latest: content,
        versions: new Map([[1, { content, created: t, name }]]),
        top: 1,
      })
      this.awsViews.get(name)!.id = this.awsViews.get(name)!.arn
    }
  }

  private now(): number {
    this.clock = Math.max(Date.now(), this.clock + 1)
    return this.clock
  }

  private fail(type: ErrorName | string, message: string): never {
    throw new ApiError(type, message)
  }

  private views(instance: string): Map<string, View> {
    return this.own.get(instance) ?? this.fail('ResourceNotFoundException', `No instance ${instance}`)
  }

  checksum(c: Content): string {
    const input = this.a.checksumOfTemplateOnly
      ? `${c.Template ?? ''}`
      : `${c.Template ?? ''}\n${(c.Actions ?? []).join('\n')}`
    return createHash('sha256').update(input).digest('hex')
  }

  private checkContent(c: Content, status: string): void {
    const size = Buffer.byteLength(c.Template ?? '') + (c.Actions ?? []).reduce((n, x) => n + Buffer.byteLength(x), 0)
    if (size > MAX_CONTENT) this.fail(this.a.invalidInput, 'Content is larger than 400 KB')
    if (status === 'PUBLISHED' && this.a.publishedTemplateMustBeJson && c.Template !== undefined) {
      let ok = false
      try {
        const t = JSON.parse(c.Template)
        ok = t !== null && typeof t === 'object' && !Array.isArray(t)
      } catch {}
      if (!ok) this.fail(this.a.invalidInput, 'Template is not a JSON object')
    }
  }

  /** Splits `<id-or-arn>[:qualifier]` and finds the view; `mutate` refuses versions, AWS-managed views and (per answers) aliases. */
  private resolve(instance: string, ref: string, mutate: boolean): { v: View; q?: string | number } {
    const views = this.views(instance)
    let base = ref
    let raw: string | undefined
    const colons = ref.split(':').length - 1
    if (colons > (ref.startsWith('arn:') ? 5 : 0)) {
      base = ref.slice(0, ref.lastIndexOf(':'))
      raw = ref.slice(ref.lastIndexOf(':') + 1)
    }
    let q: string | number | undefined
    if (raw !== undefined) {
      if (raw === '$SAVED' || raw === '$LATEST') q = raw
      else if (/^[1-9]\d{0,8}$/.test(raw)) q = Number(raw)
      else this.fail(this.a.badQualifier, `Bad qualifier ${raw}`)
    }
    let v: View | undefined
    const awsArn = /^arn:aws:connect:([^:]+):aws:view\/([^/:]+)$/.exec(base)
    const ownArn = /^arn:aws:connect:([^:]+):(\d{12}):instance\/([^/]+)\/view\/([^/:]+)$/.exec(base)
    if (awsArn) {
      if (awsArn[1] !== this.region) this.fail(this.a.foreignArn, `Not here: ${ref}`)
      v = this.awsViews.get(awsArn[2]!)
    } else if (ownArn) {
      if (ownArn[1] !== this.region || ownArn[2] !== this.account || ownArn[3] !== instance)
        this.fail(this.a.foreignArn, `Not here: ${ref}`)
      v = views.get(ownArn[4]!)
    } else if (!base.startsWith('arn:')) v = views.get(base)
    if (!v) this.fail('ResourceNotFoundException', `View not found: ${ref}`)
    if (mutate) {
      if (typeof q === 'number' || (q !== undefined && !this.a.aliasOnMutation))
        this.fail(this.a.badQualifier, `No qualifier allowed: ${ref}`)
      if (v.aws) this.fail(this.a.awsManagedReadOnly, 'AWS managed views are read-only')
    }
    return { v, q }
  }

  private wireContent(c: Content): Content {
    const actions = c.Actions ?? (this.a.absentActionsAsEmptyList ? [] : undefined)
    return { ...(c.Template !== undefined ? { Template: c.Template } : {}), ...(actions ? { Actions: actions } : {}) }
  }

  /** A snapshot: 'saved', 'latest' or a version number; `answer` says which operation answers (Arn/Id forms). */
  private snapshot(v: View, which: 'saved' | 'latest' | number, answer: 'describe' | 'publish' = 'describe'): In {
    const n = typeof which === 'number' ? which : undefined
    const version = n === undefined ? undefined : v.versions.get(n)!
    const content = version?.content ?? (which === 'saved' ? v.saved : (v.latest ?? v.saved))
    const arnQualified = v.aws
      ? this.a.awsManagedArnQualified
      : answer === 'publish'
        ? this.a.publishArnQualified
        : this.a.describeVersionArnQualified
    const idQualified = !v.aws && (answer === 'publish' ? this.a.publishIdQualified : this.a.describeVersionIdQualified)
    const meta =
      version && this.a.versionMetadataAtPublish
        ? { name: version.name, d: version.viewDescription }
        : { name: v.name, d: v.description }
    let sha: string | undefined
    if (version && this.a.versionOwnChecksum) sha = this.checksum(version.content)
    else if (v.latest) sha = this.checksum(v.latest)
    else if (this.a.unpublishedChecksumOfDraft) sha = this.checksum(v.saved)
    const emptyTags = v.aws ? this.a.emptyTagsAwsManaged : this.a.emptyTagsOwn
    const highest = v.versions.size ? Math.max(...v.versions.keys()) : undefined
    const status =
      n !== undefined || which === 'latest' ? 'PUBLISHED' : this.a.savedAlwaysSaved ? 'SAVED' : v.savedStatus
    return {
      Id: n !== undefined && idQualified ? `${v.id}:${n}` : v.id,
      Arn: n !== undefined && arnQualified ? `${v.arn}:${n}` : v.arn,
      Name: meta.name,
      ...(meta.d !== undefined ? { Description: meta.d } : {}),
      Status: status,
      Type: v.aws ? 'AWS_MANAGED' : 'CUSTOMER_MANAGED',
      ...(n !== undefined ? { Version: n } : this.a.aliasCarriesHighestVersion && highest ? { Version: highest } : {}),
      ...(version?.description !== undefined ? { VersionDescription: version.description } : {}),
      Content: this.wireContent(content),
      ...(Object.keys(v.tags).length || emptyTags ? { Tags: { ...v.tags } } : {}),
      CreatedTime: v.created / 1000,
      LastModifiedTime: v.modified / 1000,
      ...(sha ? { ViewContentSha256: sha } : {}),
    }
  }

  private nameTaken(instance: string, name: string, except?: string): boolean {
    return [...this.views(instance).values()].some((x) => x.name === name && x.id !== except)
  }

  createView(i: In): In {
    const instance = i.InstanceId as string
    const views = this.views(instance)
    const token = i.ClientToken as string | undefined
    if (token) {
      const same = [...views.values()].find((x) => x.token === token)
      if (same) return { View: this.snapshot(same, same.latest ? 'latest' : 'saved') }
      if (this.a.tokenOfDeletedView && this.deletedTokens.has(`${instance} ${token}`))
        this.fail(this.a.tokenOfDeletedView, 'ClientToken of a deleted view')
    }
    const content = i.Content as Content
    this.checkContent(content, i.Status as string)
    if (this.nameTaken(instance, i.Name as string)) this.fail(this.a.nameClash, `Name ${i.Name} is taken`)
    const id = randomUUID()
    const t = this.now()
    const v: View = {
      id,
      arn: `arn:aws:connect:${this.region}:${this.account}:instance/${instance}/view/${id}`,
      aws: false,
      name: i.Name as string,
      ...(i.Description !== undefined ? { description: i.Description as string } : {}),
      tags: { ...(i.Tags as Record<string, string>) },
      created: t,
      modified: t,
      saved: content,
      savedStatus: i.Status as 'SAVED' | 'PUBLISHED',
      ...(i.Status === 'PUBLISHED' ? { latest: content } : {}),
      versions: new Map(),
      top: 0,
      ...(token ? { token } : {}),
    }
    views.set(id, v)
    return { View: this.snapshot(v, v.latest ? 'latest' : 'saved') }
  }

  describeView(i: In): In {
    const { v, q } = this.resolve(i.InstanceId as string, i.ViewId as string, false)
    if (typeof q === 'number' || (q === undefined && v.aws)) {
      const n = typeof q === 'number' ? q : 1
      if (!v.versions.has(n)) this.fail('ResourceNotFoundException', `No version ${n}`)
      return { View: this.snapshot(v, n) }
    }
    if (q === '$SAVED') return { View: this.snapshot(v, 'saved') }
    if (!v.latest) this.fail(this.a.describeUnpublished, 'The view was never published')
    return { View: this.snapshot(v, 'latest') }
  }

  updateViewContent(i: In): In {
    const { v } = this.resolve(i.InstanceId as string, i.ViewId as string, true)
    const content = i.Content as Content
    this.checkContent(content, i.Status as string)
    v.saved = content
    v.savedStatus = i.Status as 'SAVED' | 'PUBLISHED'
    if (i.Status === 'PUBLISHED') v.latest = content
    v.modified = this.now()
    return { View: this.snapshot(v, i.Status === 'PUBLISHED' ? 'latest' : 'saved') }
  }

  updateViewMetadata(i: In): In {
    const { v } = this.resolve(i.InstanceId as string, i.ViewId as string, true)
    if (i.Name === undefined && i.Description === undefined) this.fail(this.a.invalidInput, 'Name or Description')
    if (i.Name !== undefined && this.nameTaken(i.InstanceId as string, i.Name as string, v.id))
      this.fail(this.a.nameClash, `Name ${i.Name} is taken`)
    if (i.Name !== undefined) v.name = i.Name as string
    if (i.Description !== undefined) v.description = i.Description as string
    return {}
  }

  createViewVersion(i: In): In {
    const { v } = this.resolve(i.InstanceId as string, i.ViewId as string, true)
    if (!v.latest) this.fail(this.a.publishUnpublished, 'Nothing published to version')
    const sha = i.ViewContentSha256 as string | undefined
    if (sha !== undefined && sha !== this.checksum(v.latest)) this.fail(this.a.checksumMismatch, 'Checksum mismatch')
    const highest = v.versions.size ? Math.max(...v.versions.keys()) : undefined
    const same = (x: Content, y: Content) =>
      JSON.stringify([x.Template, x.Actions]) === JSON.stringify([y.Template, y.Actions])
    if (highest !== undefined && same(v.versions.get(highest)!.content, v.latest))
      return { View: this.snapshot(v, highest, 'publish') }
    const n = this.a.reuseFreedTopNumber ? (highest ?? 0) + 1 : v.top + 1
    const t = this.now()
    v.versions.set(n, {
      content: v.latest,
      ...(i.VersionDescription !== undefined ? { description: i.VersionDescription as string } : {}),
      created: t,
      name: v.name,
      ...(v.description !== undefined ? { viewDescription: v.description } : {}),
    })
    v.top = Math.max(v.top, n)
    v.modified = t
    return { View: this.snapshot(v, n, 'publish') }
  }

  deleteView(i: In): In {
    const { v } = this.resolve(i.InstanceId as string, i.ViewId as string, true)
    this.views(i.InstanceId as string).delete(v.id)
    if (v.token) this.deletedTokens.add(`${i.InstanceId} ${v.token}`)
    return {}
  }

  deleteViewVersion(i: In): In {
    const { v } = this.resolve(i.InstanceId as string, i.ViewId as string, true)
    if (!v.versions.delete(i.ViewVersion as number)) this.fail('ResourceNotFoundException', 'No such version')
    return {}
  }

  private order(search: boolean): (x: View, y: View) => number {
    const key = (s: string) => (this.a.caseInsensitiveNames ? s.toLowerCase() : s)
    const cmp = (p: string, q: string) => (p < q ? -1 : p > q ? 1 : 0)
    const type = (x: View, y: View) => (x.aws === y.aws ? 0 : x.aws === this.a.ownViewsFirst ? 1 : -1)
    const name = (x: View, y: View) => cmp(key(x.name), key(y.name)) || cmp(x.name, y.name) || cmp(x.id, y.id)
    return search && this.a.searchByNameOnly ? (x, y) => name(x, y) || type(x, y) : (x, y) => type(x, y) || name(x, y)
  }

  private page<T>(items: T[], token: unknown, max: unknown, scope: string): { items: T[]; next?: string } {
    let start = 0
    if (token !== undefined) {
      const m = /^(\d+)\.(.*)$/.exec(Buffer.from(String(token), 'base64url').toString())
      if (!m || m[2] !== scope) this.fail(this.a.badToken, 'Bad NextToken')
      start = Number(m[1])
    }
    const size = (max as number | undefined) ?? 100
    const end = start + size
    return {
      items: items.slice(start, end),
      ...(end < items.length ? { next: Buffer.from(`${end}.${scope}`).toString('base64url') } : {}),
    }
  }

  listViews(i: In): In {
    const instance = i.InstanceId as string
    const all = [...this.awsViews.values(), ...this.views(instance).values()]
    const type = i.Type as string | undefined
    const views = all
      .filter((v) => (type ? (type === 'AWS_MANAGED') === v.aws : this.a.listsAwsManagedUnfiltered || !v.aws))
      .sort(this.order(false))
    const p = this.page(views, i.NextToken, i.MaxResults, `lv ${instance} ${type ?? ''}`)
    const summary = (v: View) => ({
      Id: v.id,
      Arn: v.arn,
      Name: v.name,
      Type: v.aws ? 'AWS_MANAGED' : 'CUSTOMER_MANAGED',
      Status: this.a.summaryStatusLastWrite && !v.aws ? v.savedStatus : v.latest ? 'PUBLISHED' : 'SAVED',
      ...(v.description !== undefined ? { Description: v.description } : {}),
    })
    return { ViewsSummaryList: p.items.map(summary), ...(p.next ? { NextToken: p.next } : {}) }
  }

  listViewVersions(i: In): In {
    const { v } = this.resolve(i.InstanceId as string, i.ViewId as string, false)
    const numbers = [...v.versions.keys()].sort((x, y) => y - x)
    const p = this.page(numbers, i.NextToken, i.MaxResults, `lvv ${v.id}`)
    const item = (n: number) => {
      const r = v.versions.get(n)!
      const meta = this.a.versionMetadataAtPublish
        ? { name: r.name, d: r.viewDescription }
        : { name: v.name, d: v.description }
      return {
        Id: this.a.summaryIdQualified ? `${v.id}:${n}` : v.id,
        Arn: this.a.summaryArnQualified ? `${v.arn}:${n}` : v.arn,
        ...(meta.d !== undefined ? { Description: meta.d } : {}),
        Name: meta.name,
        Type: v.aws ? 'AWS_MANAGED' : 'CUSTOMER_MANAGED',
        Version: n,
        ...(r.description !== undefined ? { VersionDescription: r.description } : {}),
      }
    }
    return { ViewVersionSummaryList: p.items.map(item), ...(p.next ? { NextToken: p.next } : {}) }
  }

  searchViews(i: In): In {
    const instance = String(i.InstanceId).replace(/^arn:.*:instance\//, '')
    const criteria = i.SearchCriteria as In | undefined
    const asksAws = (c: In | undefined): boolean =>
      !!c &&
      (c.ViewTypeCondition === 'AWS_MANAGED' ||
        [...((c.AndConditions as In[]) ?? []), ...((c.OrConditions as In[]) ?? [])].some(asksAws))
    const showSaved = (v: View) => this.a.searchShowsSaved && !v.aws
    const matches = (v: View, c: In | undefined): boolean => {
      if (!c) return true
      if (c.OrConditions && !(c.OrConditions as In[]).some((x) => matches(v, x))) return false
      if (c.AndConditions && !(c.AndConditions as In[]).every((x) => matches(v, x))) return false
      if (c.ViewTypeCondition && (c.ViewTypeCondition === 'AWS_MANAGED') !== v.aws) return false
      const status = showSaved(v) ? v.savedStatus : v.latest ? 'PUBLISHED' : 'SAVED'
      if (c.ViewStatusCondition && c.ViewStatusCondition !== status) return false
      const s = c.StringCondition as { FieldName?: string; Value?: string; ComparisonType?: string } | undefined
      if (s?.FieldName !== undefined && s.Value !== undefined) {
        const field = s.FieldName.toLowerCase()
        const actual = { name: v.name, description: v.description, id: v.id, arn: v.arn }[field]
        if (!(field in { name: 1, description: 1, id: 1, arn: 1 }))
          this.fail(this.a.invalidInput, `Field ${s.FieldName}`)
        if (actual === undefined) return false
        const t = s.ComparisonType ?? 'EXACT'
        if (
          t === 'EXACT'
            ? actual !== s.Value
            : t === 'STARTS_WITH'
              ? !actual.startsWith(s.Value)
              : !actual.includes(s.Value)
        )
          return false
      }
      return true
    }
    const awsVisible = this.a.searchFindsAwsManaged || asksAws(criteria)
    const found = [...this.awsViews.values(), ...this.views(instance).values()]
      .filter((v) => (awsVisible || !v.aws) && matches(v, criteria))
      .sort(this.order(true))
    const p = this.page(found, i.NextToken, i.MaxResults, `sv ${instance} ${JSON.stringify(criteria ?? null)}`)
    const count =
      this.a.searchCount === 'none'
        ? {}
        : { ApproximateTotalCount: found.filter((v) => this.a.searchCount === 'all' || !v.aws).length }
    return {
      Views: p.items.map((v) =>
        showSaved(v)
          ? this.snapshot(v, 'saved')
          : v.aws
            ? this.snapshot(v, 1)
            : this.snapshot(v, v.latest ? 'latest' : 'saved'),
      ),
      ...(p.next ? { NextToken: p.next } : {}),
      ...count,
    }
  }

  private tagged(arn: string): View {
    if (/^arn:aws:connect:[^:]+:aws:view\/[^/:]+$/.test(arn)) {
      if (this.awsViews.has(arn.slice(arn.lastIndexOf('/') + 1)))
        this.fail(this.a.awsManagedReadOnly, 'AWS managed views are read-only')
      this.fail('ResourceNotFoundException', `No resource ${arn}`)
    }
    const m = /^arn:aws:connect:([^:]+):(\d{12}):instance\/([^/]+)\/view\/([^/]+)$/.exec(arn)
    if (m && m[4]!.includes(':')) this.fail(this.a.badQualifier, 'Tags belong to the unqualified view ARN')
    const v = m && m[1] === this.region && m[2] === this.account ? this.own.get(m[3]!)?.get(m[4]!) : undefined
    return v ?? this.fail('ResourceNotFoundException', `No resource ${arn}`)
  }

  tagResource(i: In): In {
    const v = this.tagged(i.resourceArn as string)
    const tags = { ...v.tags, ...(i.tags as Record<string, string>) }
    if (Object.keys(tags).length > 50) this.fail(this.a.invalidInput, 'At most 50 tags')
    v.tags = tags
    return {}
  }

  untagResource(i: In): In {
    const v = this.tagged(i.resourceArn as string)
    v.tags = Object.fromEntries(Object.entries(v.tags).filter(([k]) => !(i.tagKeys as string[]).includes(k)))
    return {}
  }

  listTagsForResource(i: In): In {
    return { tags: { ...this.tagged(i.resourceArn as string).tags } }
  }
}
