// Property 9: the model-based differential run. fc.commands over every operation, views addressed by bare
// id, ARN and qualified forms, metadata and tag changes mixed in; every answer, normalised, must match
// the reference model as far as the rule catalogue asserts it in this mode.
import { checkAgainstModel } from '../src/harness/checks'
import type { PropertyDef } from '../src/harness/property'
import { anySha, contentWithEdges, createView, deleteVersion, deleteView, describe, listTags, listVersions, listViews, publish, retryCreate, searchViews, tagView, untagView, updateContent, updateMetadata } from './support/command-arbitraries'

export const differential: PropertyDef = {
  id: 'differential',
  title: 'Every answer matches the reference model (documented fields)',
  // documented rules, then the inferred ones it compares in strict mode
  rules: ['R1', 'R2', 'R3', 'R5', 'R6', 'R7', 'R10', 'R11', 'R12', 'R13', 'R16', 'R17', 'R18', 'R25', 'R21', 'R31', 'R37', 'R40', 'R41', 'R42', 'R43', 'R46'],
  // two views exist from the start, so generated commands rarely fall on empty slots
  prelude: [
    { op: 'CreateView', slot: 0, status: 'PUBLISHED', content: { Template: '{"Head":{"Title":"a"},"Body":[]}', Actions: ['Submit'] }, name: 'first', clientToken: 'token-0', tags: { team: 'x' } },
    { op: 'CreateView', slot: 1, status: 'SAVED', content: { Template: '{"Head":{"Title":"b"},"Body":[]}', Actions: [] }, name: 'second' },
  ],
  maxCommands: 25,
  numRuns: 60,
  commands: () => [
    createView({ withExtras: true, content: contentWithEdges }),
    retryCreate(),
    updateContent({ content: contentWithEdges }),
    updateMetadata(),
    publish({ sha: anySha, description: true }),
    describe(),
    deleteVersion(),
    deleteView(),
    listViews(),
    listVersions(),
    tagView(),
    untagView(),
    listTags(),
    searchViews(),
  ],
  check: (step, ctx) => checkAgainstModel(step, ctx.session, ctx.refs, ctx.mode),
}
