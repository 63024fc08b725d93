// TagResource, UntagResource, ListTagsForResource on view ARNs (R21, R40).
import type {
  ListTagsForResourceCommandInput,
  TagResourceCommandInput,
  UntagResourceCommandInput,
} from '@aws-sdk/client-connect'
import { SHAPES } from '../spec'
import type { ModelContext } from './context'
import { ModelError } from './errors'
import { resolveTaggedView } from './resolve'

const MAX_TAGS = (SHAPES.TagMap as { max?: number }).max ?? 50

export function tagResource(ctx: ModelContext, input: TagResourceCommandInput): Record<string, never> {
  const view = resolveTaggedView(ctx, input.resourceArn!)
  const merged = { ...view.tags, ...input.tags }
  if (Object.keys(merged).length > MAX_TAGS) {
    throw new ModelError(ctx.opts.choices.validationErrorClass, `A resource can have at most ${MAX_TAGS} tags`, 'R24')
  }
  view.tags = merged
  return {}
}

export function untagResource(ctx: ModelContext, input: UntagResourceCommandInput): Record<string, never> {
  const view = resolveTaggedView(ctx, input.resourceArn!)
  if (ctx.opts.quirks.has('untag-ignored')) return {}
  const tags = { ...view.tags }
  for (const k of input.tagKeys ?? []) delete tags[k] // removing an absent key is a no-op (inferred)
  view.tags = tags
  return {}
}

export function listTagsForResource(
  ctx: ModelContext,
  input: ListTagsForResourceCommandInput,
): Record<string, unknown> {
  return { tags: { ...resolveTaggedView(ctx, input.resourceArn!).tags } }
}
