// Adapter 2: msw request handlers forwarding to the core, for users who already run an msw setupServer.
// The core gets the raw URL's pathname and search (still percent-encoded), never msw's decoded params: an
// ARN-form ViewId must reach the router as one segment containing %2F.
//
// Caveat inherent to msw: it builds the request URL with `new URL()`, which already removed '.'/'..'
// segments. The core's router removes them too, so routing is the same on every transport; but with SigV4
// verification on, a path that contained '..' no longer matches what the SDK signed (the signer's own
// normalisation drops the trailing slash that `new URL()` keeps), so msw answers InvalidSignatureException.
import { http, HttpResponse, type HttpHandler } from 'msw'
import type { StubCore } from './core'

/** Any regional Connect endpoint, https://connect.<region>.amazonaws.com/... (no capture groups: msw would percent-decode them and throw on a malformed %). */
export const DEFAULT_CONNECT_URL = /^https:\/\/connect\.[a-z0-9-]+\.amazonaws\.com(?::\d+)?(?:\/.*)?$/

/** Turns a base URL such as 'http://localhost:4566' or 'https://connect.*.amazonaws.com' into a matcher for everything under it. */
export function baseUrlMatcher(baseUrl: string): RegExp {
  const trimmed = baseUrl.replace(/\/+$/, '')
  const escaped = trimmed.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')
  return new RegExp(`^${escaped}(?:/.*)?$`)
}

export interface StubHandlersOptions {
  /** Which URLs to answer: a base URL string ('*' matches within one host/path part) or a RegExp over the full URL without query. Default: every Connect region. */
  baseUrl?: string | RegExp
}

export function createStubHandlers(core: StubCore, opts: StubHandlersOptions = {}): HttpHandler[] {
  const matcher =
    opts.baseUrl === undefined
      ? DEFAULT_CONNECT_URL
      : typeof opts.baseUrl === 'string'
        ? baseUrlMatcher(opts.baseUrl)
        : opts.baseUrl
  return [
    http.all(matcher, async ({ request }) => {
      const url = new URL(request.url)
      const headers: Record<string, string> = {}
      request.headers.forEach((value, name) => {
        headers[name] = value
      })
      const res = await core.handle({
        method: request.method,
        path: url.pathname,
        query: url.search.startsWith('?') ? url.search.slice(1) : url.search,
        headers,
        body: await request.text(),
      })
      return new HttpResponse(res.body, { status: res.status, headers: res.headers })
    }),
  ]
}
