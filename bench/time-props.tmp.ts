import { SEQUENTIAL_PROPERTIES } from '../properties'
import { runProperty } from '../src/harness/property'
import { createTarget } from '../src/targets/create-target'
const target = await createTarget({ target: 'stub' })
const t0 = Date.now()
for (const def of SEQUENTIAL_PROPERTIES) {
  const s = Date.now()
  const r = await runProperty(def, target, { seed: 1, numRuns: 60, mode: { strict: false } })
  console.log(def.id, r.status, Date.now() - s, 'ms')
}
console.log('total', Date.now() - t0)
await target.close()
