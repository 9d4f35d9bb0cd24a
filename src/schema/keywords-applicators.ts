// Keywords that apply subschemas to the same value: not, anyOf, oneOf, allOf, if/then/else. They
// follow ajv 8's Ajv2020 code paths, including what is evaluated when it matters for coercion (a
// subschema that coerces rewrites the value for every keyword after it, as ajv's shared variable does).
import { type Check, report, type Site } from './node.ts';

export type CompileChild = (schema: unknown, at: string) => Check;
/** A schema with no validating keyword (ajv's alwaysValidSchema); decided by compile.ts, which knows the keywords. */
export type AlwaysValid = (schema: unknown) => boolean;

function members(site: Site, keyword: string, compile: CompileChild): Check[] {
  const list = site.schema[keyword] as unknown[];
  return list.map((member, index) => compile(member, `${site.at}/${keyword}/${index}`));
}

/** `not`: its subschema runs fail-fast with no errors kept (ajv's allErrors: false, createErrors: false). */
export function notCheck(site: Site, compile: CompileChild, alwaysValid: AlwaysValid): Check {
  const inner = alwaysValid(site.schema.not) ? undefined : compile(site.schema.not, `${site.at}/not`);
  return (data, holder, key, path, errors) => (inner !== undefined && !inner(data, holder, key, '', undefined)) || report(errors, site, 'not', path, {});
}

/** `allOf`: every member; fail-fast stops at the first failing one. */
export function allOfCheck(site: Site, compile: CompileChild, alwaysValid: AlwaysValid): Check {
  const list = site.schema.allOf;
  const checks = members(site, 'allOf', compile).filter((_check, index) => !alwaysValid((list as unknown[])[index]));
  const coerce = site.coerce;
  if (checks.length === 1) return checks[0]!;
  return (data, holder, key, path, errors) => {
    let ok = true;
    for (let index = 0; index < checks.length; index++) {
      if (!checks[index]!(data, holder, key, path, errors)) {
        ok = false;
        if (!errors) return false;
      }
      if (coerce) data = holder[key];
    }
    return ok;
  };
}

/**
 * `anyOf`: Ajv2020 (which tracks unevaluated properties) evaluates every branch, not only up to
 * the first that passes; that only shows when a branch coerces, so without coercion it stops early.
 * On success the failed branches' errors are dropped.
 */
export function anyOfCheck(site: Site, compile: CompileChild): Check {
  const checks = members(site, 'anyOf', compile);
  const coerce = site.coerce;
  return (data, holder, key, path, errors) => {
    const start = errors?.length ?? 0;
    let ok = false;
    for (const check of checks) {
      if (check(data, holder, key, path, errors)) {
        ok = true;
        if (!coerce) break;
      }
      if (coerce) data = holder[key];
    }
    if (!ok) return report(errors, site, 'anyOf', path, {});
    if (errors) errors.length = start;
    return true;
  };
}

/**
 * `oneOf`: branches run in order until a second one passes (ajv then evaluates no further branch,
 * which shows when a branch coerces), and the error names the two that passed.
 */
export function oneOfCheck(site: Site, compile: CompileChild, alwaysValid: AlwaysValid): Check {
  const list = site.schema.oneOf as unknown[];
  const checks = members(site, 'oneOf', compile).map((check, index) => (alwaysValid(list[index]) ? undefined : check));
  const coerce = site.coerce;
  return (data, holder, key, path, errors) => {
    const start = errors?.length ?? 0;
    let valid = false;
    let passing: unknown = null;
    for (let index = 0; index < checks.length; index++) {
      const check = checks[index];
      const passed = check === undefined || check(data, holder, key, path, errors);
      if (coerce) data = holder[key];
      if (passed && valid) {
        passing = [passing, index];
        valid = false;
        break;
      }
      if (passed) {
        valid = true;
        passing = index;
      }
    }
    if (!valid) return report(errors, site, 'oneOf', path, { passingSchemas: passing });
    if (errors) errors.length = start;
    return true;
  };
}

/** `if` with `then`/`else`: the condition runs fail-fast with no errors kept; a failed branch adds an `if` error after its own. */
export function ifCheck(site: Site, compile: CompileChild, alwaysValid: AlwaysValid): Check | undefined {
  const branch = (keyword: 'then' | 'else') => {
    const schema = site.schema[keyword];
    return schema === undefined || alwaysValid(schema) ? undefined : compile(schema, `${site.at}/${keyword}`);
  };
  const condition = compile(site.schema.if, `${site.at}/if`);
  const then = branch('then');
  const otherwise = branch('else');
  // ajv ignores an `if` with neither branch (compiled above all the same, so its keywords are checked).
  if (!then && !otherwise) return undefined;
  const coerce = site.coerce;
  return (data, holder, key, path, errors) => {
    const matched = condition(data, holder, key, '', undefined);
    if (coerce) data = holder[key];
    const chosen = matched ? then : otherwise;
    return chosen === undefined || chosen(data, holder, key, path, errors) || report(errors, site, 'if', path, { failingKeyword: matched ? 'then' : 'else' });
  };
}
