import { ApiError } from '../http/api-error.js';

/**
 * A parsed `fields` selector: each selected name maps to the selection of its
 * sub-fields, or to undefined when the whole value is kept.
 */
export type FieldSelection = Map<string, FieldSelection | undefined>;

function invalidFields(text: string, reason: string): ApiError {
  return new ApiError(
    422,
    1005,
    `Invalid fields parameter ${JSON.stringify(text)}: ${reason}. Use a comma-separated list such as id,rules(id,type).`,
  );
}

/**
 * Parses a `fields` selector such as `id,rules(id,type),interfaces(ip_addresses(value))`.
 * A backslash escapes `,`, `(`, `)` and `\` inside a name. Throws a 422
 * ApiError on unbalanced parentheses or empty names.
 */
export function parseFields(text: string): FieldSelection {
  let position = 0;

  function readName(): string {
    let name = '';
    while (position < text.length) {
      const character = text[position] ?? '';
      if (character === '\\' && position + 1 < text.length) {
        name += text[position + 1] ?? '';
        position += 2;
        continue;
      }
      if (character === ',' || character === '(' || character === ')') break;
      name += character;
      position += 1;
    }
    return name.trim();
  }

  function readList(depth: number): FieldSelection {
    const selection: FieldSelection = new Map();
    for (;;) {
      const name = readName();
      if (name === '') throw invalidFields(text, `empty name at ${position}`);
      let nested: FieldSelection | undefined;
      if (text[position] === '(') {
        position += 1;
        nested = readList(depth + 1);
        if (text[position] !== ')')
          throw invalidFields(text, 'missing closing parenthesis');
        position += 1;
      }
      selection.set(name, nested);
      const next = text[position];
      if (next === ',') {
        position += 1;
        continue;
      }
      if (next === undefined) {
        if (depth > 0) throw invalidFields(text, 'missing closing parenthesis');
        return selection;
      }
      if (next === ')') {
        if (depth === 0)
          throw invalidFields(text, `unexpected ")" at ${position}`);
        return selection;
      }
      throw invalidFields(text, `unexpected ${JSON.stringify(next)}`);
    }
  }

  return readList(0);
}

/**
 * Keeps only the selected fields of a value; arrays are projected element by
 * element and names absent from an object are left out.
 */
export function applyFields(
  value: unknown,
  selection: FieldSelection | undefined,
): unknown {
  if (selection === undefined) return value;
  if (Array.isArray(value)) {
    return value.map((element) => applyFields(element, selection));
  }
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const projected: Record<string, unknown> = {};
  for (const [name, nested] of selection) {
    if (!Object.hasOwn(source, name)) continue;
    projected[name] = applyFields(source[name], nested);
  }
  return projected;
}
