// The harness's clock: one time base for the session's sentAt/answeredAt stamps and the consistency judge.

/**
 * The harness's clock in ms: monotonic (differences of two readings are wall time even if the system clock is
 * set); session.ts stamps every answer with it.
 */
export const now = (): number => performance.timeOrigin + performance.now()
