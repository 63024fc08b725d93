// SDK calls per second through each way of serving the stub, measured side by side in one process:
//   ceiling    — the real ConnectClient with a handler that returns a canned response (serialize, sign,
//                deserialize; no stub work): the most any in-process path can reach
//   in-process — the stub's smithy requestHandler (the property loops' path)
//   msw        — msw setupServer intercepting node:https, forwarding to the same core
//   http       — the stub's HTTP server on 127.0.0.1 through `endpoint`
// Rounds alternate between paths so background load hits all of them alike; the median round counts.
// Usage: npm run bench -- [callsPerRound=400] [rounds=7] [--json out/bench/throughput.json]
import { ConnectClient, DescribeViewCommand } from '@aws-sdk/client-connect'
import { HttpResponse } from '@smithy/protocol-http'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { setupServer } from 'msw/node'
import { DEFAULT_INSTANCE_ID } from '../src/model/options'
import { createStubClient, createStubCore, createStubHandlers, startStubServer, STUB_CREDENTIALS } from '../src/stub'
import { benchArgs } from './support/bench-args'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const args = benchArgs(['json'])
const jsonOut = args.text('json')
const CALLS = args.positionalInt(0, 'callsPerRound', 400)
const ROUNDS = args.positionalInt(1, 'rounds', 7)
const input = { InstanceId: DEFAULT_INSTANCE_ID, ViewId: 'arn:aws:connect:us-east-1:aws:view/form:1' }

async function main() {
  const core = createStubCore()
  // the canned answer is the stub's own answer to the same call, so every path parses the same bytes
  const sample = await core.handle({
    method: 'GET',
    path: `/views/${DEFAULT_INSTANCE_ID}/${encodeURIComponent(input.ViewId)}`,
    query: '',
    headers: {},
    body: '',
  })
  const canned = new TextEncoder().encode(sample.body)
  const cannedClient = new ConnectClient({
    region: 'us-east-1',
    credentials: STUB_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: {
      handle: async () => ({ response: new HttpResponse({ statusCode: 200, headers: sample.headers, body: canned }) }),
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
      destroy() {},
    } as never,
  })
  const inProcess = createStubClient({ core }).client
  const server = await startStubServer({ core })
  const httpClient = new ConnectClient({
    region: 'us-east-1',
    credentials: STUB_CREDENTIALS,
    maxAttempts: 1,
    endpoint: server.url,
  })
  const msw = setupServer(...createStubHandlers(core))
  const mswClient = new ConnectClient({ region: 'us-east-1', credentials: STUB_CREDENTIALS, maxAttempts: 1 })

  const paths: [string, ConnectClient, boolean][] = [
    ['ceiling (canned handler)', cannedClient, false],
    ['in-process stub', inProcess, false],
    ['msw interception', mswClient, true],
    ['HTTP server (loopback)', httpClient, false],
  ]
  const samples = new Map<string, number[]>(paths.map(([n]) => [n, []]))
  for (let round = -1; round < ROUNDS; round++) {
    // round -1 warms up every path
    for (const [name, client, needsMsw] of paths) {
      if (needsMsw) msw.listen({ onUnhandledRequest: 'error' })
      const n = round < 0 ? 100 : CALLS
      const t0 = performance.now()
      for (let i = 0; i < n; i++) await client.send(new DescribeViewCommand(input))
      const dt = performance.now() - t0
      if (needsMsw) msw.close()
      if (round >= 0) samples.get(name)!.push((n / dt) * 1000)
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const ceiling = median(samples.get(paths[0][0])!)
  const rows = paths.map(([name]) => {
    const m = median(samples.get(name)!)
    return {
      path: name,
      callsPerSecond: Math.round(m),
      msPerCall: +(1000 / m).toFixed(3),
      ratioToCeiling: +(m / ceiling).toFixed(3),
    }
  })
  console.log(
    `\nDescribeView throughput, ${CALLS} sequential calls x ${ROUNDS} rounds (median), Node ${process.version}\n`,
  )
  console.log('| path | calls/s | ms/call | vs ceiling |\n|---|---:|---:|---:|')
  for (const r of rows)
    console.log(`| ${r.path} | ${r.callsPerSecond} | ${r.msPerCall} | ${(r.ratioToCeiling * 100).toFixed(0)} % |`)
  if (jsonOut) {
    mkdirSync(dirname(jsonOut), { recursive: true })
    writeFileSync(
      jsonOut,
      JSON.stringify(
        { measuredAt: new Date().toISOString(), node: process.version, calls: CALLS, rounds: ROUNDS, rows },
        null,
        2,
      ),
    )
    console.log(`\nwrote ${jsonOut}`)
  }
  await server.close()
  for (const [, c] of paths) c.destroy()
}

await main()
