// CreateView, DescribeView (bare, ARN-form and qualified ids), UpdateViewContent, UpdateViewMetadata, DeleteView.
import {
  CreateViewCommand,
  DeleteViewCommand,
  DescribeViewCommand,
  UpdateViewContentCommand,
  UpdateViewMetadataCommand,
} from '@aws-sdk/client-connect'
import { expect } from 'vitest'
import { RUN_TAG_KEY } from '../../src/targets/run-identity'
import { STATE } from '../../src/verification/provider-states'
import { contentRevision } from '../../src/verification/state-arranger'
import {
  EX,
  EX_CONTENT,
  EX_VIEW_ARN,
  anyClientError,
  declaredClientErrors,
  errorResponse,
  newViewNameValue,
  requestIdHeader,
  runTagValue,
  viewBody,
  viewNameValue,
  viewsPath,
  type ContractCase,
} from './contract-kit'
import { expectEpochDates, expectServiceError } from './expect-sdk'

const ok = (body?: unknown): ContractCase['response'] => ({
  status: 200,
  headers: requestIdHeader(),
  ...(body !== undefined ? { body } : {}),
})
const notFound = errorResponse({ status: 404, names: ['ResourceNotFoundException'] })
const UPDATED = contentRevision(2)

export const VIEW_CASES: ContractCase[] = [
  {
    description: 'CreateView: a published view is created with its checksum and epoch-second timestamps',
    rules: ['R13', 'R32'],
    state: STATE.instance,
    request: {
      method: 'PUT',
      path: viewsPath(),
      body: {
        Status: 'PUBLISHED',
        Content: EX_CONTENT,
        Name: newViewNameValue(),
        Description: 'Created by the contract tests',
        Tags: { [RUN_TAG_KEY]: runTagValue() },
      },
    },
    response: ok({ View: viewBody({ status: 'PUBLISHED', sha: true }) }),
    async exercise(client) {
      const out = await client.send(
        new CreateViewCommand({
          InstanceId: EX.instanceId,
          Status: 'PUBLISHED',
          Content: EX_CONTENT,
          Name: EX.newViewName,
          Description: 'Created by the contract tests',
          Tags: { [RUN_TAG_KEY]: EX.runTag },
        }),
      )
      expect(out.View?.Id).toBe(EX.viewId)
      expect(out.View?.Status).toBe('PUBLISHED')
      expect(out.View?.ViewContentSha256).toMatch(/^[0-9a-f]{64}$/)
      expectEpochDates(out.View)
      expect(out.$metadata.requestId).toBe(EX.requestId)
    },
  },
  {
    description: 'CreateView: a name already used in the instance is rejected with a client error (class undocumented)',
    rules: ['R5', 'R33'],
    state: STATE.view,
    params: { status: 'PUBLISHED' },
    request: {
      method: 'PUT',
      path: viewsPath(),
      body: { Status: 'SAVED', Content: EX_CONTENT, Name: viewNameValue() },
    },
    // R5 documents the rejection, not its class (catalogue: errorClass inferred): any declared client error.
    response: errorResponse({
      status: anyClientError(409),
      names: declaredClientErrors('CreateView', 'DuplicateResourceException'),
    }),
    exercise: (client) =>
      expectServiceError(
        client.send(
          new CreateViewCommand({ InstanceId: EX.instanceId, Status: 'SAVED', Content: EX_CONTENT, Name: EX.viewName }),
        ),
        'DuplicateResourceException',
        409,
      ),
  },
  {
    description: 'DescribeView: an unqualified view id returns $LATEST (R7)',
    rules: ['R7', 'R32'],
    state: STATE.view,
    params: { status: 'PUBLISHED' },
    request: { method: 'GET', path: viewsPath({ key: 'viewId' }) },
    response: ok({ View: viewBody({ status: 'PUBLISHED', sha: true }) }),
    async exercise(client) {
      const out = await client.send(new DescribeViewCommand({ InstanceId: EX.instanceId, ViewId: EX.viewId }))
      expect(out.View?.Arn).toBe(EX_VIEW_ARN)
      expect(out.View?.Content?.Actions).toEqual(['Submit'])
      expectEpochDates(out.View)
    },
  },
  {
    description: 'DescribeView: an ARN-form view id is accepted (one percent-encoded path segment)',
    rules: ['R1'],
    state: STATE.view,
    params: { status: 'PUBLISHED' },
    request: { method: 'GET', path: viewsPath({ key: 'viewArnPath' }) },
    response: ok({ View: viewBody({ status: 'PUBLISHED', sha: true }) }),
    async exercise(client) {
      const out = await client.send(new DescribeViewCommand({ InstanceId: EX.instanceId, ViewId: EX_VIEW_ARN }))
      expect(out.View?.Id).toBe(EX.viewId)
    },
  },
  {
    description: 'DescribeView: the $SAVED qualifier returns the draft (R1)',
    rules: ['R1', 'R7'],
    state: STATE.view,
    params: { status: 'SAVED' },
    request: { method: 'GET', path: viewsPath({ key: 'viewId', suffix: '%3A%24SAVED' }) },
    response: ok({ View: viewBody({ status: 'SAVED' }) }),
    async exercise(client) {
      const out = await client.send(
        new DescribeViewCommand({ InstanceId: EX.instanceId, ViewId: `${EX.viewId}:$SAVED` }),
      )
      expect(out.View?.Status).toBe('SAVED')
    },
  },
  {
    description: 'DescribeView: a version-qualified view id returns that numbered version (R1)',
    rules: ['R1', 'R10'],
    state: STATE.publishedVersions,
    params: { N: 3 },
    request: { method: 'GET', path: viewsPath({ key: 'viewId', suffix: '%3A1' }) },
    response: ok({ View: viewBody({ status: 'PUBLISHED', version: 1, versionDescription: 'Release 1' }) }),
    async exercise(client) {
      const out = await client.send(new DescribeViewCommand({ InstanceId: EX.instanceId, ViewId: `${EX.viewId}:1` }))
      expect(out.View?.Version).toBe(1)
      expect(out.View?.VersionDescription).toBe('Release 1')
    },
  },
  {
    description: 'DescribeView: a version-qualified view ARN returns that numbered version',
    rules: ['R1', 'R10'],
    state: STATE.publishedVersions,
    params: { N: 3 },
    request: { method: 'GET', path: viewsPath({ key: 'viewArnPath', suffix: '%3A2' }) },
    response: ok({ View: viewBody({ status: 'PUBLISHED', version: 2, versionDescription: 'Release 2' }) }),
    async exercise(client) {
      const out = await client.send(new DescribeViewCommand({ InstanceId: EX.instanceId, ViewId: `${EX_VIEW_ARN}:2` }))
      expect(out.View?.Version).toBe(2)
    },
  },
  {
    description: 'DescribeView: an unknown view id is answered with ResourceNotFoundException',
    rules: ['R25', 'R33'],
    state: STATE.instance,
    request: { method: 'GET', path: viewsPath({ key: 'missingViewId' }) },
    response: notFound,
    exercise: (client) =>
      expectServiceError(
        client.send(new DescribeViewCommand({ InstanceId: EX.instanceId, ViewId: EX.missingViewId })),
        'ResourceNotFoundException',
        404,
      ),
  },
  {
    description: 'UpdateViewContent: saving a draft answers with the view',
    rules: ['R3', 'R32'],
    state: STATE.view,
    params: { status: 'PUBLISHED' },
    request: { method: 'POST', path: viewsPath({ key: 'viewId' }), body: { Status: 'SAVED', Content: UPDATED } },
    response: ok({ View: viewBody({ status: 'SAVED' }) }),
    async exercise(client) {
      const out = await client.send(
        new UpdateViewContentCommand({
          InstanceId: EX.instanceId,
          ViewId: EX.viewId,
          Status: 'SAVED',
          Content: UPDATED,
        }),
      )
      expect(out.View?.Status).toBe('SAVED')
    },
  },
  {
    description: 'UpdateViewContent: publishing answers with the view and its new checksum',
    rules: ['R3', 'R13'],
    state: STATE.view,
    params: { status: 'PUBLISHED' },
    request: { method: 'POST', path: viewsPath({ key: 'viewId' }), body: { Status: 'PUBLISHED', Content: UPDATED } },
    response: ok({ View: viewBody({ status: 'PUBLISHED', sha: true }) }),
    async exercise(client) {
      const out = await client.send(
        new UpdateViewContentCommand({
          InstanceId: EX.instanceId,
          ViewId: EX.viewId,
          Status: 'PUBLISHED',
          Content: UPDATED,
        }),
      )
      expect(out.View?.ViewContentSha256).toMatch(/^[0-9a-f]{64}$/)
    },
  },
  {
    description: 'UpdateViewMetadata: the view is renamed and described',
    rules: ['R32'],
    state: STATE.view,
    params: { status: 'PUBLISHED' },
    request: {
      method: 'POST',
      path: viewsPath({ key: 'viewId' }, 'metadata'),
      body: { Name: newViewNameValue(), Description: 'Renamed by the contract tests' },
    },
    response: ok(),
    async exercise(client) {
      const out = await client.send(
        new UpdateViewMetadataCommand({
          InstanceId: EX.instanceId,
          ViewId: EX.viewId,
          Name: EX.newViewName,
          Description: 'Renamed by the contract tests',
        }),
      )
      expect(out.$metadata.httpStatusCode).toBe(200)
    },
  },
  {
    description: 'DeleteView: the view is deleted',
    rules: ['R32'],
    state: STATE.view,
    params: { status: 'PUBLISHED' },
    request: { method: 'DELETE', path: viewsPath({ key: 'viewId' }) },
    response: ok(),
    async exercise(client) {
      const out = await client.send(new DeleteViewCommand({ InstanceId: EX.instanceId, ViewId: EX.viewId }))
      expect(out.$metadata.httpStatusCode).toBe(200)
    },
  },
  {
    description: 'DeleteView: an unknown view id is answered with ResourceNotFoundException',
    rules: ['R25', 'R33'],
    state: STATE.instance,
    request: { method: 'DELETE', path: viewsPath({ key: 'missingViewId' }) },
    response: notFound,
    exercise: (client) =>
      expectServiceError(
        client.send(new DeleteViewCommand({ InstanceId: EX.instanceId, ViewId: EX.missingViewId })),
        'ResourceNotFoundException',
        404,
      ),
  },
]
