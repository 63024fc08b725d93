// ListViews (pages, NextToken, an invalid parameter) and SearchViews.
import { ListViewsCommand, SearchViewsCommand } from '@aws-sdk/client-connect'
import { MatchersV3 as M } from '@pact-foundation/pact'
import { expect } from 'vitest'
import { STATE } from '../../src/verification/provider-states'
import {
  EX,
  anyClientError,
  declaredClientErrors,
  errorResponse,
  instanceIdValue,
  nextToken,
  nextTokenValue,
  requestIdHeader,
  viewBody,
  viewNameValue,
  viewSummary,
  viewsPath,
  type ContractCase,
} from './contract-kit'
import { expectServiceError } from './expect-sdk'

const ok = (body: unknown): ContractCase['response'] => ({ status: 200, headers: requestIdHeader(), body })

export const LIST_CASES: ContractCase[] = [
  {
    description: 'ListViews: the first page of customer-managed views holds at most maxResults and carries a NextToken',
    rules: ['R27'],
    state: STATE.manyViews,
    params: { N: 3 },
    request: { method: 'GET', path: viewsPath(), query: { type: 'CUSTOMER_MANAGED', maxResults: '2' } },
    // 1..maxResults items (R27 bounds a page, it does not say a page is full); more views exist, so a NextToken.
    response: ok({ ViewsSummaryList: M.constrainedArrayLike(viewSummary(), 1, 2, 2), NextToken: nextToken() }),
    async exercise(client) {
      const out = await client.send(
        new ListViewsCommand({ InstanceId: EX.instanceId, Type: 'CUSTOMER_MANAGED', MaxResults: 2 }),
      )
      expect(out.ViewsSummaryList).toHaveLength(2)
      expect(out.NextToken).toBe(EX.nextToken)
    },
  },
  {
    description: 'ListViews: the NextToken of the first page continues the listing',
    rules: ['R27'],
    state: STATE.manyViews,
    params: { N: 3, firstPageRead: 2 },
    request: {
      method: 'GET',
      path: viewsPath(),
      query: { type: 'CUSTOMER_MANAGED', maxResults: '2', nextToken: nextTokenValue() },
    },
    response: ok({ ViewsSummaryList: M.atLeastOneLike(viewSummary()) }),
    async exercise(client) {
      const out = await client.send(
        new ListViewsCommand({
          InstanceId: EX.instanceId,
          Type: 'CUSTOMER_MANAGED',
          MaxResults: 2,
          NextToken: EX.nextToken,
        }),
      )
      expect(out.ViewsSummaryList?.[0]?.Type).toBe('CUSTOMER_MANAGED')
    },
  },
  {
    description: 'ListViews: maxResults 0 is rejected with a client error (class undocumented)',
    rules: ['R24'],
    state: STATE.instance,
    request: { method: 'GET', path: viewsPath(), query: { maxResults: '0' } },
    // R24 documents a 4xx; the class is not documented (catalogue: errorClass inferred): any declared client error.
    response: errorResponse({
      status: anyClientError(400),
      names: declaredClientErrors('ListViews', 'InvalidParameterException'),
    }),
    exercise: (client) =>
      expectServiceError(
        client.send(new ListViewsCommand({ InstanceId: EX.instanceId, MaxResults: 0 })),
        'InvalidParameterException',
        400,
      ),
  },
  {
    description: 'SearchViews: an exact name search finds the view',
    rules: ['R46'],
    state: STATE.view,
    params: { status: 'PUBLISHED' },
    request: {
      method: 'POST',
      path: '/search-views',
      body: {
        InstanceId: instanceIdValue(),
        MaxResults: 10,
        SearchCriteria: { StringCondition: { FieldName: 'name', Value: viewNameValue(), ComparisonType: 'EXACT' } },
      },
    },
    response: ok({
      Views: M.atLeastOneLike(viewBody({ status: 'PUBLISHED', sha: true })),
      ApproximateTotalCount: M.integer(1),
    }),
    async exercise(client) {
      const out = await client.send(
        new SearchViewsCommand({
          InstanceId: EX.instanceId,
          MaxResults: 10,
          SearchCriteria: { StringCondition: { FieldName: 'name', Value: EX.viewName, ComparisonType: 'EXACT' } },
        }),
      )
      expect(out.Views?.[0]?.Id).toBe(EX.viewId)
      expect(out.ApproximateTotalCount).toBe(1)
    },
  },
]
