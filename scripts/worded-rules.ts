// Which rules' descriptions can word an issue the client raises, so generated/<dialect>.client.json
// keeps only those (the rest carry an empty description: fewer bytes in a client bundle, the same
// issues). It follows how src/contracts/issues.ts picks a rule and src/messages.ts words an error:
// a rule's description is read only for an error whose keyword has no wording of its own (not,
// anyOf, oneOf, allOf, if, contains; a bound beside `not`, a range with a gap) or is `pattern`.
// Such an error belongs to the nearest enclosing `x-rule` (its subtree is searched whole, `not` and
// `if` conditions included, which only errs toward keeping), or, with no marker, to the rule(s)
// claiming its field by the longest prefix. test/contracts/schema-engine.test.ts and
// test/contracts/differential.test.ts hold the client's issues equal to the whole contract's.

type Schema = Record<string, unknown>;
interface Rule {
  id: string;
  field: string;
  enforced: string;
}

const UNWORDED = new Set(['not', 'anyOf', 'oneOf', 'allOf', 'if', 'contains']);
const BOUNDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'];
/** Keywords holding one subschema; `items` and `contains` apply it to the items (`*` in a field). */
const SUBSCHEMAS = ['not', 'if', 'then', 'else', 'items', 'contains'];

const segments = (pointer: string) => pointer.split('/').filter(Boolean);
const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);
const markerOf = (node: unknown) => (isObject(node) && typeof node['x-rule'] === 'string' ? node['x-rule'] : undefined);

/** The ids of the rules whose descriptions an issue on a body checked against `schema` can read. */
export function wordedRules(schema: unknown, rules: Rule[]): Set<string> {
  const worded = new Set<string>();
  const byField = rules.filter((rule) => rule.enforced === 'schema' && segments(rule.field).length > 0);
  /** The rules issues.ts's ruleOfField can pick for an error at `field` (`*`: any item). */
  const claim = (field: string[]) => {
    const along = byField.filter((rule) => segments(rule.field).every((part, index) => field[index] === '*' || field[index] === part));
    const longest = Math.max(-1, ...along.map((rule) => segments(rule.field).length));
    for (const rule of along) if (segments(rule.field).length === longest) worded.add(rule.id);
  };
  const walk = (node: unknown, rule: string | undefined, field: string[]) => {
    if (!isObject(node)) return;
    const owner = markerOf(node) ?? rule;
    const readsRule = 'pattern' in node || ('not' in node && BOUNDS.some((bound) => bound in node));
    if (owner !== undefined && (readsRule || Object.keys(node).some((keyword) => UNWORDED.has(keyword)))) worded.add(owner);
    if (owner === undefined && readsRule) claim(field);
    // The error of `not`, `if` or `contains` is traced through its own subschema first (issues.ts's ruleOfError).
    for (const keyword of ['not', 'if', 'contains']) {
      const inner = markerOf(node[keyword]);
      if (inner !== undefined) worded.add(inner);
    }
    for (const keyword of ['anyOf', 'oneOf', 'allOf']) for (const member of (node[keyword] as unknown[] | undefined) ?? []) walk(member, owner, field);
    for (const keyword of SUBSCHEMAS) {
      if (node[keyword] !== undefined) walk(node[keyword], owner, keyword === 'items' || keyword === 'contains' ? [...field, '*'] : field);
    }
    for (const [name, property] of Object.entries((node.properties ?? {}) as Schema)) walk(property, owner, [...field, name]);
  };
  walk(schema, undefined, []);
  return worded;
}
