// CreateViewVersion (new version, no-change publish, checksum conflict), DeleteViewVersion, ListViewVersions.
import { CreateViewVersionCommand, DeleteViewVersionCommand, ListViewVersionsCommand } from '@aws-sdk/client-connect'
import { MatchersV3 as M } from '@pact-foundation/pact'
import { expect } from 'vitest'
import { CHOICE_OPTIONS } from '../../src/choices/catalogue'
import { STATE } from '../../src/verification/provider-states'
import {
  EX,
  anyClientError,
  errorResponse,
  nextToken,
  nextTokenValue,
  requestIdHeader,
  sha256Value,
  versionArn,
  viewBody,
  viewId,
  viewsPath,
  type ContractCase,
} from './contract-kit'
import { expectServiceError } from './expect-sdk'

const ok = (body?: unknown): ContractCase['response'] => ({
  status: 200,
  headers: requestIdHeader(),
  ...(body !== undefined ? { body } : {}),
})
const versionSummary = (n: number) => ({
  Id: viewId(),
  Arn: versionArn(n),
  Name: M.string(EX.viewName),
  Type: 'CUSTOMER_MANAGED',
  Version: n,
})

export const VERSION_CASES: ContractCase[] = [
  {
    description:
      'CreateViewVersion: a changed $LATEST with the current checksum is published as the next version (R10, R12)',
    rules: ['R10', 'R12'],
    state: STATE.latestAhead,
    params: { N: 1 },
    request: {
      method: 'PUT',
      path: viewsPath({ key: 'viewId' }, 'versions'),
      body: { VersionDescription: 'Second release', ViewContentSha256: sha256Value('sha256') },
    },
    response: ok({
      View: viewBody({ status: 'PUBLISHED', version: 2, versionDescription: 'Second release', sha: true }),
    }),
    async exercise(client) {
      const out = await client.send(
        new CreateViewVersionCommand({
          InstanceId: EX.instanceId,
          ViewId: EX.viewId,
          VersionDescription: 'Second release',
          ViewContentSha256: EX.sha256,
        }),
      )
      expect(out.View?.Version).toBe(2)
      expect(out.View?.VersionDescription).toBe('Second release')
    },
  },
  {
    description:
      'CreateViewVersion: with no change since the highest version it returns that version and creates none (R11)',
    rules: ['R11'],
    state: STATE.publishedVersions,
    params: { N: 3 },
    request: { method: 'PUT', path: viewsPath({ key: 'viewId' }, 'versions'), body: {} },
    response: ok({ View: viewBody({ status: 'PUBLISHED', version: 3, sha: true }) }),
    async exercise(client) {
      const out = await client.send(new CreateViewVersionCommand({ InstanceId: EX.instanceId, ViewId: EX.viewId }))
      expect(out.View?.Version).toBe(3)
    },
  },
  {
    description:
      'CreateViewVersion: a stale ViewContentSha256 is rejected with a client error (R12, class undocumented)',
    rules: ['R12'],
    state: STATE.latestAhead,
    params: { N: 1 },
    request: {
      method: 'PUT',
      path: viewsPath({ key: 'viewId' }, 'versions'),
      body: { ViewContentSha256: sha256Value('staleSha256') },
    },
    // Any 4xx, with any of the candidate classes: AWS documents the failure, not its class.
    response: errorResponse({ status: anyClientError(400), names: CHOICE_OPTIONS.checksumConflictError }),
    exercise: (client) =>
      expectServiceError(
        client.send(
          new CreateViewVersionCommand({
            InstanceId: EX.instanceId,
            ViewId: EX.viewId,
            ViewContentSha256: EX.staleSha256,
          }),
        ),
        CHOICE_OPTIONS.checksumConflictError[0],
        400,
      ),
  },
  {
    description: 'DeleteViewVersion: a numbered version is deleted',
    rules: ['R32'],
    state: STATE.publishedVersions,
    params: { N: 3 },
    request: { method: 'DELETE', path: viewsPath({ key: 'viewId' }, 'versions', '2') },
    response: ok(),
    async exercise(client) {
      const out = await client.send(
        new DeleteViewVersionCommand({ InstanceId: EX.instanceId, ViewId: EX.viewId, ViewVersion: 2 }),
      )
      expect(out.$metadata.httpStatusCode).toBe(200)
    },
  },
  {
    description: 'DeleteViewVersion: a version that was never published is answered with ResourceNotFoundException',
    rules: ['R25', 'R33'],
    state: STATE.publishedVersions,
    params: { N: 1 },
    request: { method: 'DELETE', path: viewsPath({ key: 'viewId' }, 'versions', '7') },
    response: errorResponse({ status: 404, names: ['ResourceNotFoundException'] }),
    exercise: (client) =>
      expectServiceError(
        client.send(new DeleteViewVersionCommand({ InstanceId: EX.instanceId, ViewId: EX.viewId, ViewVersion: 7 })),
        'ResourceNotFoundException',
        404,
      ),
  },
  {
    description: 'ListViewVersions: the first page lists the highest versions first and carries a NextToken (R18)',
    rules: ['R18', 'R27'],
    state: STATE.publishedVersions,
    params: { N: 3 },
    request: { method: 'GET', path: viewsPath({ key: 'viewId' }, 'versions'), query: { maxResults: '2' } },
    response: ok({ ViewVersionSummaryList: [versionSummary(3), versionSummary(2)], NextToken: nextToken() }),
    async exercise(client) {
      const out = await client.send(
        new ListViewVersionsCommand({ InstanceId: EX.instanceId, ViewId: EX.viewId, MaxResults: 2 }),
      )
      expect(out.ViewVersionSummaryList?.map((v) => v.Version)).toEqual([3, 2])
      expect(out.NextToken).toBe(EX.nextToken)
    },
  },
  {
    description: 'ListViewVersions: the NextToken of the first page continues with the remaining versions',
    rules: ['R27'],
    state: STATE.publishedVersions,
    params: { N: 3, firstPageRead: 2 },
    request: {
      method: 'GET',
      path: viewsPath({ key: 'viewId' }, 'versions'),
      query: { maxResults: '2', nextToken: nextTokenValue() },
    },
    response: ok({ ViewVersionSummaryList: [versionSummary(1)] }),
    async exercise(client) {
      const out = await client.send(
        new ListViewVersionsCommand({
          InstanceId: EX.instanceId,
          ViewId: EX.viewId,
          MaxResults: 2,
          NextToken: EX.nextToken,
        }),
      )
      expect(out.ViewVersionSummaryList?.map((v) => v.Version)).toEqual([1])
    },
  },
]
