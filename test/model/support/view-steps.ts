// Small steps the model tests are written in: create, describe, update, publish, list every page, and
// expect a modelled error. All go through CheckedModel, so R32/R33 are checked on every call.
import { expect } from 'vitest'
import { DEFAULT_INSTANCE_ID, ModelError } from '../../../src/model'
import type { OperationName } from '../../../src/spec'
import type { CheckedModel, Json } from './checked-model'

export const INSTANCE = DEFAULT_INSTANCE_ID
/** A second instance; a UUID so that SearchViews' InstanceIdOrArn pattern accepts it too. */
export const OTHER_INSTANCE = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'

export interface ViewContentInput {
  Template?: string
  Actions?: string[]
}

/** Realistic, distinct content per label (a JSON template with a title placeholder). */
export function content(label: string, actions: string[] = ['Submit']): ViewContentInput {
  return {
    Template: JSON.stringify({
      Head: { Title: label },
      Body: [{ _id: 'c1', Type: 'Text', Props: { Value: '$.Greeting' }, Content: [] }],
    }),
    Actions: actions,
  }
}

const nameCounters = new WeakMap<CheckedModel, number>()

export interface CreateOptions {
  name?: string
  status?: 'SAVED' | 'PUBLISHED'
  content?: ViewContentInput
  description?: string
  tags?: Record<string, string>
  clientToken?: string
  instanceId?: string
}

export function createInput(m: CheckedModel, o: CreateOptions = {}): Json {
  const n = (nameCounters.get(m) ?? 0) + 1
  nameCounters.set(m, n)
  return {
    InstanceId: o.instanceId ?? INSTANCE,
    Name: o.name ?? `view-${n}`,
    Status: o.status ?? 'PUBLISHED',
    Content: o.content ?? content(`content-${n}`),
    ...(o.description !== undefined ? { Description: o.description } : {}),
    ...(o.tags !== undefined ? { Tags: o.tags } : {}),
    ...(o.clientToken !== undefined ? { ClientToken: o.clientToken } : {}),
  }
}

/** CreateView; returns the View. Default: PUBLISHED, a fresh name and content. */
export function createView(m: CheckedModel, o: CreateOptions = {}): Json {
  return m.invoke('CreateView', createInput(m, o)).View
}

export function describeView(m: CheckedModel, viewId: string, instanceId = INSTANCE): Json {
  return m.invoke('DescribeView', { InstanceId: instanceId, ViewId: viewId }).View
}

export function updateContent(
  m: CheckedModel,
  viewId: string,
  status: 'SAVED' | 'PUBLISHED',
  c: ViewContentInput,
  instanceId = INSTANCE,
): Json {
  return m.invoke('UpdateViewContent', { InstanceId: instanceId, ViewId: viewId, Status: status, Content: c }).View
}

export function publishVersion(
  m: CheckedModel,
  viewId: string,
  extra: { VersionDescription?: string; ViewContentSha256?: string } = {},
): Json {
  return m.invoke('CreateViewVersion', { InstanceId: INSTANCE, ViewId: viewId, ...extra }).View
}

const ITEMS_KEY: Partial<Record<OperationName, string>> = {
  ListViews: 'ViewsSummaryList',
  ListViewVersions: 'ViewVersionSummaryList',
  SearchViews: 'Views',
}

/**
 * Follows NextToken to the end. `between(itemsSoFar)` runs after each page that has a NextToken (to mutate
 * state between pages). Fails the test if it does not end within `limit` pages.
 */
export function listAll(
  m: CheckedModel,
  op: 'ListViews' | 'ListViewVersions' | 'SearchViews',
  input: Json,
  between?: (itemsSoFar: Json[]) => void,
  limit = 1000,
): { items: Json[]; pages: Json[][] } {
  const key = ITEMS_KEY[op]!
  const pages: Json[][] = []
  let token: string | undefined
  do {
    const out = m.invoke(op, { ...input, ...(token !== undefined ? { NextToken: token } : {}) })
    pages.push(out[key])
    token = out.NextToken
    if (pages.length > limit) throw new Error(`${op} did not finish within ${limit} pages`)
    if (token !== undefined) between?.(pages.flat())
  } while (token !== undefined)
  return { items: pages.flat(), pages }
}

/** Version numbers ListViewVersions reports, in answer order. */
export function versionNumbers(m: CheckedModel, viewId: string): number[] {
  return listAll(m, 'ListViewVersions', { InstanceId: INSTANCE, ViewId: viewId }).items.map((v) => v.Version)
}

/** Names of the customer views ListViews reports, in answer order. */
export function customerViewNames(m: CheckedModel, instanceId = INSTANCE): string[] {
  return listAll(m, 'ListViews', { InstanceId: instanceId, Type: 'CUSTOMER_MANAGED' }).items.map((v) => v.Name)
}

/**
 * Runs fn, which must throw a ModelError of the given class (and rule, when given). Anything else thrown
 * (e.g. a CheckedModel R32/R33 breach) is rethrown unchanged so its message is what the test reports.
 */
export function expectModelError(fn: () => unknown, errorName: string, rule?: string): ModelError {
  let thrown: unknown
  try {
    fn()
  } catch (e) {
    thrown = e
  }
  if (thrown === undefined) expect.fail(`expected ${errorName}${rule ? ` (${rule})` : ''}, but the call succeeded`)
  if (!(thrown instanceof ModelError)) throw thrown
  expect({ errorName: thrown.errorName, ...(rule ? { rule: thrown.rule } : {}) }, thrown.message).toEqual({
    errorName,
    ...(rule ? { rule } : {}),
  })
  return thrown
}
