// Malformed requests through the real SDK client (R44): a middleware at the 'build' step changes the
// serialized request (body or path) BEFORE the 'finalizeRequest' step signs it, so a SigV4-checking endpoint
// and live AWS see a correctly signed request that is malformed only in what the rule is about. A second
// middleware keeps the raw answer (status, headers) before the SDK deserializes it, since R44 is about the
// wire (x-amzn-errortype), not the SDK's reading of it.
import { HttpRequest } from '@smithy/protocol-http'

export interface RawAnswer {
  status: number
  headers: Record<string, string>
}

export interface WireTweak {
  /** What is malformed, for reports. */
  readonly label: string
  /** Changes the serialized, not yet signed request in place. */
  corrupt(request: HttpRequest): void
}

/** The serialized body as text (the SDK hands the build step bytes, or a string for older serializers). */
export function bodyText(request: HttpRequest): string {
  const b: unknown = request.body
  if (typeof b === 'string') return b
  if (b instanceof Uint8Array) return new TextDecoder().decode(b)
  return ''
}

/** Replaces the request body, keeping Content-Length true to it (the signer hashes the new body). */
export function setBody(request: HttpRequest, body: string): void {
  request.body = body
  for (const k of Object.keys(request.headers)) if (k.toLowerCase() === 'content-length') delete request.headers[k]
  request.headers['content-length'] = String(Buffer.byteLength(body))
}

interface StackCommand {
  middlewareStack: { add(mw: unknown, opts: Record<string, unknown>): void }
}

/** Adds the tweak to one command; the returned function reads the raw answer once the call ended. */
export function applyTweak(command: unknown, tweak: WireTweak): () => RawAnswer | undefined {
  let answer: RawAnswer | undefined
  const stack = (command as StackCommand).middlewareStack
  stack.add(
    (next: (a: { request: unknown }) => Promise<unknown>) => async (args: { request: unknown }) => {
      if (HttpRequest.isInstance(args.request)) tweak.corrupt(args.request)
      return next(args)
    },
    { step: 'build', priority: 'high', name: 'conformanceWireTweak' },
  )
  stack.add(
    (next: (a: unknown) => Promise<{ response?: { statusCode?: number; headers?: Record<string, string> } }>) =>
      async (args: unknown) => {
        const out = await next(args)
        const r = out.response
        if (r?.statusCode !== undefined) {
          answer = {
            status: r.statusCode,
            headers: Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
          }
        }
        return out
      },
    { step: 'deserialize', priority: 'low', name: 'conformanceRawAnswer' },
  )
  return () => answer
}
