// Small builders shared by the stub tests: raw WireRequests and cores with a deterministic model.
import { deterministicOptions, DEFAULT_INSTANCE_ID, type ModelOptions } from '../../../src/model'
import {
  createStubCore,
  type StubCore,
  type StubCoreOptions,
  type WireRequest,
  type WireResponse,
} from '../../../src/stub'

export const INSTANCE = DEFAULT_INSTANCE_ID

export function wireRequest(
  method: string,
  target: string,
  body = '',
  headers: Record<string, string> = {},
): WireRequest {
  const q = target.indexOf('?')
  return {
    method,
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? '' : target.slice(q + 1),
    headers: { host: 'connect.us-east-1.amazonaws.com', ...headers },
    body,
  }
}

export function testCore(opts: StubCoreOptions & { modelOptions?: ModelOptions } = {}): StubCore {
  return createStubCore({ ...opts, modelOptions: { ...deterministicOptions(), ...opts.modelOptions } })
}

export function json(res: WireResponse): Record<string, unknown> {
  return JSON.parse(res.body) as Record<string, unknown>
}

/** Creates a PUBLISHED view through the core and returns its Id and Arn. */
export async function createViewRaw(
  core: StubCore,
  name: string,
  status: 'PUBLISHED' | 'SAVED' = 'PUBLISHED',
): Promise<{ Id: string; Arn: string }> {
  const res = await core.handle(
    wireRequest(
      'PUT',
      `/views/${INSTANCE}`,
      JSON.stringify({ Name: name, Status: status, Content: { Template: '{}', Actions: ['Go'] } }),
    ),
  )
  if (res.status !== 200) throw new Error(`CreateView failed: ${res.status} ${res.body}`)
  return json(res).View as { Id: string; Arn: string }
}
