// Which properties may run on a lane (Target.lane()) while other lanes run theirs against the same instance,
// and why. A lane shares the instance, so a check stays sound only if it judges nothing but the sequence's
// own views. What makes that hold, for every property marked safe:
// - every view a sequence creates carries a sequence-unique name prefix (run-identity.ts) and is reset by its
//   own lane only (Target.owned per lane);
// - ListViews answers are filtered to the sequence's own ids (projection.ts) or names (pagination.ts), which
//   keeps their relative order, and a ListViews walk runs under the target's list lock, so no other lane
//   creates, deletes or renames a view between its pages (list-lock.ts);
// - SearchViews asks only for names starting with the sequence's prefix, and its answer is filtered to own ids;
// - ListViewVersions, DescribeView and every write address one of the sequence's own views by id or ARN;
// - the AWS-managed views a sequence reads (DescribeAwsManagedView) are never changed by any lane.
// The engine reads isLaneSafe(); a target whose reset wipes everything has no lanes at all
// (Target.supportsLanes), whatever this table says.

export interface LaneSafety {
  laneSafe: boolean
  why: string
}

const OWN_VIEWS_ONLY = 'reads and writes only its own views, by id or ARN'

export const LANE_SAFETY: Readonly<Record<string, LaneSafety>> = {
  'coverage-plan': {
    laneSafe: true,
    why: 'its one ListViews walk is under the list lock and filtered to its own views; SearchViews is scoped to its name prefix; the R5 clash is between two of its own names',
  },
  immutability: { laneSafe: true, why: OWN_VIEWS_ONLY },
  'monotonic-versions': { laneSafe: true, why: `${OWN_VIEWS_ONLY}; ListViewVersions lists one own view` },
  'saved-vs-latest': { laneSafe: true, why: OWN_VIEWS_ONLY },
  'checksum-conflict': { laneSafe: true, why: OWN_VIEWS_ONLY },
  'no-change-publish': { laneSafe: true, why: `${OWN_VIEWS_ONLY}; ListViewVersions lists one own view` },
  pagination: {
    laneSafe: true,
    why: 'ListViews walks run under the list lock and compare only its own names, whose relative order other views cannot change',
  },
  delete: { laneSafe: true, why: OWN_VIEWS_ONLY },
  validation: {
    laneSafe: true,
    why: 'invalid inputs compare error classes only; a view a faulty target creates anyway is owned by the lane and reset with it',
  },
  tags: { laneSafe: true, why: OWN_VIEWS_ONLY },
  differential: {
    laneSafe: true,
    why: 'ListViews walks are locked and filtered to its own ids, SearchViews is scoped to its prefix, everything else addresses its own views',
  },
  concurrency: {
    laneSafe: true,
    why: "its parallel rounds hit one own view; calls of other lanes in between change nothing that view's history is checked against",
  },
  contracts: {
    laneSafe: false,
    why: 'the Pact verifier sends its requests itself, from a child process, not through a lane; on a rate-limited target it runs beside the lanes instead, taking the list lock from the run over its IPC channel (shared-pacing.ts: a ListViews holds it from the provider state that read the first page until the child next changes the list), else alone',
  },
}

/** Whether the engine may run `propertyId` on a lane beside others (unknown ids: no). */
export function isLaneSafe(propertyId: string): boolean {
  return LANE_SAFETY[propertyId]?.laneSafe ?? false
}
