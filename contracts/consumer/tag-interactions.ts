// TagResource, UntagResource, ListTagsForResource on the unqualified view ARN (R21).
import { ListTagsForResourceCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-connect'
import { expect } from 'vitest'
import { STATE } from '../../src/verification/provider-states'
import {
  EX_MISSING_VIEW_ARN,
  EX_VIEW_ARN,
  errorResponse,
  requestIdHeader,
  tagsPath,
  type ContractCase,
} from './contract-kit'
import { expectServiceError } from './expect-sdk'

const ok = (body?: unknown): ContractCase['response'] => ({
  status: 200,
  headers: requestIdHeader(),
  ...(body !== undefined ? { body } : {}),
})

export const TAG_CASES: ContractCase[] = [
  {
    description: 'TagResource: a tag is added to the view ARN',
    rules: ['R21'],
    state: STATE.view,
    params: { status: 'PUBLISHED' },
    request: { method: 'POST', path: tagsPath('viewArnPath'), body: { tags: { team: 'customer-experience' } } },
    response: ok(),
    async exercise(client) {
      const out = await client.send(
        new TagResourceCommand({ resourceArn: EX_VIEW_ARN, tags: { team: 'customer-experience' } }),
      )
      expect(out.$metadata.httpStatusCode).toBe(200)
    },
  },
  {
    description: 'UntagResource: a tag key is removed from the view ARN',
    rules: ['R21'],
    state: STATE.view,
    params: { status: 'PUBLISHED', tags: { team: 'customer-experience' } },
    request: { method: 'DELETE', path: tagsPath('viewArnPath'), query: { tagKeys: ['team'] } },
    response: ok(),
    async exercise(client) {
      const out = await client.send(new UntagResourceCommand({ resourceArn: EX_VIEW_ARN, tagKeys: ['team'] }))
      expect(out.$metadata.httpStatusCode).toBe(200)
    },
  },
  {
    description: "ListTagsForResource: the view's tags are listed",
    rules: ['R21'],
    state: STATE.view,
    params: { status: 'PUBLISHED', tags: { team: 'customer-experience' } },
    request: { method: 'GET', path: tagsPath('viewArnPath') },
    // Only the tag the state set is asserted: the provider may add its own (the run tag, service tags).
    response: ok({ tags: { team: 'customer-experience' } }),
    async exercise(client) {
      const out = await client.send(new ListTagsForResourceCommand({ resourceArn: EX_VIEW_ARN }))
      expect(out.tags?.team).toBe('customer-experience')
    },
  },
  {
    description: 'TagResource: an ARN of a view that does not exist is answered with ResourceNotFoundException',
    rules: ['R25', 'R33'],
    state: STATE.instance,
    request: { method: 'POST', path: tagsPath('missingViewArnPath'), body: { tags: { team: 'customer-experience' } } },
    response: errorResponse({ status: 404, names: ['ResourceNotFoundException'] }),
    exercise: (client) =>
      expectServiceError(
        client.send(
          new TagResourceCommand({ resourceArn: EX_MISSING_VIEW_ARN, tags: { team: 'customer-experience' } }),
        ),
        'ResourceNotFoundException',
        404,
      ),
  },
]
