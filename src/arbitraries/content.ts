// Realistic view content: JSON-stringified {Head, Body} templates shaped like Connect's view templates
// (components with _id, Type, Props, nested Content), action lists consistent with Props.Action, plus
// edge cases: empty actions, unicode, and near-400 KB templates.
import fc from 'fast-check'
import type { ContentSpec } from '../harness/commands'
import { validString } from './values'

const COMPONENT_TYPES = [
  'Container',
  'Card',
  'Button',
  'Form',
  'TextInput',
  'Detail',
  'List',
  'Header',
  'DataSection',
] as const
export const action = validString('ViewAction', 16, [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
  'é',
])

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('Hello', 'Grüße', '顧客情報', 'Заказ', '🙂 ok', '$.Customer.Name', 'line\nbreak', '"quoted"'),
)

interface Component {
  _id: string
  Type: string
  Props: Record<string, unknown>
  Content: Component[]
}

const component: fc.Memo<Component> = fc.memo((depth) =>
  fc
    .record({
      Type: fc.constantFrom(...COMPONENT_TYPES),
      Props: fc.record(
        {
          Heading: text,
          Action: fc.option(action, { nil: undefined }),
          Visible: fc.boolean(),
          Width: fc.integer({ min: 1, max: 12 }),
        },
        { requiredKeys: ['Heading'] },
      ),
      Content: depth > 1 ? fc.array(component(depth - 1), { maxLength: 3 }) : fc.constant<Component[]>([]),
    })
    .map((c) => ({ _id: '', ...c })),
)

function assignIds(components: Component[], prefix = 'c'): void {
  components.forEach((c, i) => {
    c._id = `${prefix}${i}`
    assignIds(c.Content, `${c._id}_`)
  })
}

function actionsOf(components: Component[], out: Set<string>): Set<string> {
  for (const c of components) {
    if (typeof c.Props.Action === 'string') out.add(c.Props.Action)
    actionsOf(c.Content, out)
  }
  return out
}

export const realisticContent: fc.Arbitrary<ContentSpec> = fc
  .record({
    title: text,
    columns: fc.array(fc.constantFrom('4', '6', '8', '12'), { maxLength: 3 }),
    body: fc.array(component(3), { maxLength: 4 }),
    extraActions: fc.array(action, { maxLength: 2 }),
  })
  .map(({ title, columns, body, extraActions }) => {
    assignIds(body)
    const Actions = [...actionsOf(body, new Set(extraActions))]
    const Template = JSON.stringify({
      Head: { Title: title, Configuration: { Layout: { Columns: columns } } },
      Body: body,
    })
    return { Template, Actions }
  })

/** Small distinct contents: cheap, and different often enough to exercise "real change" paths. */
export const smallContent: fc.Arbitrary<ContentSpec> = fc
  .record({
    n: fc.integer({ min: 0, max: 5 }),
    actions: fc.array(fc.constantFrom('Submit', 'Cancel', 'Next', 'Back'), { maxLength: 2 }),
  })
  .map(({ n, actions }) => ({ Template: JSON.stringify({ Head: { Title: `t${n}` }, Body: [] }), Actions: actions }))

/** A template just under the 400 KB cap (R20), counted in UTF-8 bytes. */
export const nearLimitContent: fc.Arbitrary<ContentSpec> = fc.integer({ min: 0, max: 9 }).map((n) => {
  const filler = 'x'.repeat(399_000)
  return {
    Template: JSON.stringify({
      Head: { Title: `big${n}` },
      Body: [{ _id: 'c0', Type: 'Text', Props: { Text: filler }, Content: [] }],
    }),
    Actions: [],
  }
})

export const contentWithEdges: fc.Arbitrary<ContentSpec> = fc.oneof(
  { weight: 6, arbitrary: realisticContent },
  { weight: 3, arbitrary: smallContent },
  { weight: 1, arbitrary: fc.constant<ContentSpec>({ Template: '{}', Actions: [] }) },
)
