/**
 * A fast-check arbitrary of whole GraphQL requests, generated from the schema: every root field
 * with its arguments (inline or as variables), selections chosen among every field and fragment,
 * deep chains and wide aliased copies; then, for near-valid requests, one textual or variable
 * mutation (truncation, a misspelt field, a missing or extra variable, an unknown directive …).
 */
import fc from 'fast-check';
import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { valueOf, type ValueOptions } from './values.js';

export interface FuzzRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
  /** `query.<field>` or `mutation.<field>`, then the flavour: valid, hostile, deep, wide, broken. */
  label: string;
  mutation: boolean;
}

export interface OperationOptions {
  /** Ids and cursors from the live graph. */
  known: readonly string[];
  /**
   * Set when requests carry an editor key: mutations then always get input that the server must
   * refuse before writing (an invalid document id, a document that does not exist).
   */
  editor: boolean;
}

interface ArgPlan {
  arg: GraphQLArgument;
  value: unknown;
  inline: boolean;
}
interface FieldPlan {
  kind: 'field';
  name: string;
  alias?: string;
  args: ArgPlan[];
  selections: SelectionPlan[];
}
interface FragmentPlan {
  kind: 'fragment';
  on: string;
  selections: SelectionPlan[];
}
type SelectionPlan = FieldPlan | FragmentPlan;

interface Shape {
  depth: number;
  /** Deep requests always descend while they can. */
  descend: boolean;
  leaves: number;
  branches: number;
  hostile: boolean;
}

type AnyField = GraphQLField<unknown, unknown>;

const requiredArgs = (field: AnyField) => field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);

function argsOf(field: AnyField, shape: Shape, values: ValueOptions): fc.Arbitrary<ArgPlan[]> {
  if (!field.args.length) return fc.constant([]);
  const plans = field.args.map((arg) => {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    const plan = fc.record({ value: valueOf(arg.type, values), inline: fc.boolean() }).map(({ value, inline }) => ({ arg, value, inline }));
    // Hostile requests sometimes leave out a required argument too.
    return required && !shape.hostile ? plan.map((p) => [p]) : fc.option(plan.map((p) => [p]), { nil: [] as ArgPlan[], freq: 2 });
  });
  return fc.tuple(...plans).map((lists) => lists.flat());
}

function selectionsOf(schema: GraphQLSchema, type: GraphQLNamedType, depth: number, shape: Shape, values: ValueOptions): fc.Arbitrary<SelectionPlan[]> {
  if (!isObjectType(type) && !isInterfaceType(type) && !isAbstractType(type)) return fc.constant([]);
  const fields = isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : [];
  const leaves = fields.filter((field) => isLeafType(getNamedType(field.type)) && !requiredArgs(field).length);
  const branches = depth < shape.depth ? fields.filter((field) => !isLeafType(getNamedType(field.type))) : [];
  const leafChoices = [...leaves, { name: '__typename', args: [], type: null } as unknown as AnyField];
  const leafPlans = fc
    .shuffledSubarray(leafChoices, { minLength: 1, maxLength: Math.min(shape.leaves, leafChoices.length) })
    .map((chosen) => chosen.map((field): FieldPlan => ({ kind: 'field', name: field.name, args: [], selections: [] })));
  const branchPlans = branches.length
    ? fc
        .shuffledSubarray(branches, { minLength: shape.descend ? 1 : 0, maxLength: Math.min(shape.branches, branches.length) })
        .chain((chosen) => fc.tuple(...chosen.map((field) => fieldOf(schema, field, depth + 1, shape, values))))
    : fc.constant([] as FieldPlan[]);
  const possible = isAbstractType(type) ? [...schema.getPossibleTypes(type)] : [];
  const fragments = possible.length
    ? fc
        .shuffledSubarray(possible, { maxLength: depth < shape.depth ? Math.min(2, possible.length) : 0 })
        .chain((types) =>
          fc.tuple(
            ...types.map((possible) =>
              selectionsOf(schema, possible, depth + 1, shape, values).map((selections): FragmentPlan => ({ kind: 'fragment', on: possible.name, selections })),
            ),
          ),
        )
    : fc.constant([] as FragmentPlan[]);
  return fc.tuple(leafPlans, branchPlans, fragments).map(([a, b, c]) => [...a, ...b, ...c]);
}

function fieldOf(schema: GraphQLSchema, field: AnyField, depth: number, shape: Shape, values: ValueOptions): fc.Arbitrary<FieldPlan> {
  return fc
    .tuple(argsOf(field, shape, values), selectionsOf(schema, getNamedType(field.type), depth, shape, values))
    .map(([args, selections]) => ({ kind: 'field', name: field.name, args, selections }));
}

/** GraphQL literal syntax for any JSON-ish value (hostile values included, so no coercion). */
function literal(value: unknown, type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, type)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = 'getFields' in named ? named.getFields() : {};
    return `{${Object.entries(value)
      .map(([key, inner]) => `${key}: ${literal(inner, (fields as Record<string, { type: GraphQLInputType }>)[key]?.type ?? type)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string') return isEnumType(named) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) ? value : JSON.stringify(value);
  return String(value);
}

function render(root: 'query' | 'mutation', fields: FieldPlan[]): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const renderSelections = (selections: SelectionPlan[]): string =>
    selections.length
      ? ` { ${selections
          .map((selection) =>
            selection.kind === 'fragment'
              ? `... on ${selection.on}${renderSelections(selection.selections) || ' { __typename }'}`
              : `${selection.alias ? `${selection.alias}: ` : ''}${selection.name}${renderArgs(selection.args)}${renderSelections(selection.selections)}`,
          )
          .join(' ')} }`
      : '';
  const renderArgs = (args: ArgPlan[]) => {
    if (!args.length) return '';
    return `(${args
      .map(({ arg, value, inline }) => {
        if (inline) return `${arg.name}: ${literal(value, arg.type)}`;
        const name = `v${definitions.length}`;
        definitions.push(`$${name}: ${String(arg.type)}`);
        if (value !== undefined) variables[name] = value;
        return `${arg.name}: $${name}`;
      })
      .join(', ')})`;
  };
  const body = renderSelections(fields);
  return { query: `${root} Fuzz${definitions.length ? `(${definitions.join(', ')})` : ''}${body}`, variables };
}

/** Mutation input the server must refuse whatever else it holds: an id no document can have, or one that does not exist. */
function harmless(field: FieldPlan, tag: number): FieldPlan {
  return {
    ...field,
    args: field.args.map((plan) => {
      if (plan.arg.name === 'id') return { ...plan, value: `doc:fuzz-missing-${tag}` };
      const input = plan.value;
      if (input && typeof input === 'object' && !Array.isArray(input)) {
        const document = (input as { document?: unknown }).document;
        const replaced = document && typeof document === 'object' && !Array.isArray(document) ? document : { title: 't', source: 's', text: 't' };
        return { ...plan, value: { ...input, document: { ...replaced, id: `doc:FUZZ NOT AN ID ${tag}` } } };
      }
      return plan;
    }),
  };
}

/** One textual or variable mutation that makes a valid request near-valid. */
const BREAKERS: ((request: { query: string; variables: Record<string, unknown> }, n: number) => { query: string; variables: Record<string, unknown> })[] = [
  ({ query, variables }, n) => ({ query: query.slice(0, Math.max(1, n % query.length)), variables }),
  ({ query, variables }, n) => ({ query: `${query.slice(0, n % query.length)}}${query.slice(n % query.length)}`, variables }),
  ({ query, variables }) => ({ query: query.replace(/(\{ )(\w+)/, '$1$2Misspelt'), variables }),
  ({ query, variables }) => ({ query: query.replace(/(\{ \w+)/, '$1 @fuzzUnknown(x: 1)'), variables }),
  ({ query, variables }) => ({ query: query.replace(/(\{ \w+)/, '$1 @skip(if: $undeclared)'), variables }),
  ({ query }) => ({ query, variables: {} }),
  ({ query, variables }) => ({ query, variables: { ...variables, undeclared: 'x' } }),
  ({ query, variables }) => ({ query: `${query} ${query}`, variables }),
  ({ query, variables }) => ({ query: query.replace(/^(query|mutation)/, 'subscription'), variables }),
  ({ query, variables }) => ({ query: `${query} fragment F on Query { ...F }`, variables }),
  ({ query, variables }) => ({ query: query.replace(/\s+/g, ' '.repeat(200)), variables }),
];

/** Every root field of `root`, with a flavour: valid, hostile values, deep, wide, or broken (near-valid). */
export function requests(schema: GraphQLSchema, options: OperationOptions): fc.Arbitrary<FuzzRequest> {
  const roots = (['query', 'mutation'] as const).flatMap((root) => {
    const type = root === 'query' ? schema.getQueryType() : schema.getMutationType();
    return type ? Object.values(type.getFields()).map((field) => ({ root, field })) : [];
  });
  const flavours = ['valid', 'hostile', 'deep', 'wide', 'broken'] as const;
  return fc
    .record({
      target: fc.constantFrom(...roots),
      flavour: fc.constantFrom(...flavours),
      depth: fc.integer({ min: 1, max: 4 }),
      copies: fc.integer({ min: 2, max: 40 }),
      breaker: fc.integer({ min: 0, max: BREAKERS.length - 1 }),
      n: fc.nat(),
    })
    .chain(({ target, flavour, depth, copies, breaker, n }) => {
      const hostile = flavour === 'hostile' || flavour === 'broken';
      const shape: Shape =
        flavour === 'deep'
          ? { depth: 8 + (depth % 4) * 3, descend: true, leaves: 1, branches: 1, hostile }
          : flavour === 'wide'
            ? { depth: Math.min(depth, 2), descend: false, leaves: 30, branches: 3, hostile }
            : { depth, descend: false, leaves: 4, branches: 2, hostile };
      const values: ValueOptions = { hostile, known: options.known };
      const count = flavour === 'wide' ? copies : 1;
      return fc.array(fieldOf(schema, target.field, 1, shape, values), { minLength: count, maxLength: count }).map((fields) => {
        const mutation = target.root === 'mutation';
        let planned: FieldPlan[] = fields.map((field, i) => ({ ...field, alias: count > 1 ? `a${i}` : undefined }));
        if (mutation && options.editor) planned = planned.map((field) => harmless(field, n));
        let request = render(target.root, planned);
        if (flavour === 'broken') request = BREAKERS[breaker]!(request, n);
        return { ...request, label: `${target.root}.${target.field.name} ${flavour}`, mutation };
      });
    });
}
