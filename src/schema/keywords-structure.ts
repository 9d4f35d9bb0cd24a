// Keywords that look inside arrays and objects: items, contains (with minContains/maxContains),
// required and properties, in ajv 8's order and with its error shapes.
import { escapePointerSegment } from '../json-pointer.ts';
import type { AlwaysValid, CompileChild } from './keywords-applicators.ts';
import { type Check, childPath, type Holder, report, type Site } from './node.ts';

const ALWAYS: Check = () => true;

/** `items` (a schema for every item; `prefixItems` is not supported). Fail-fast stops at the first bad item. */
export function itemsCheck(site: Site, compile: CompileChild, alwaysValid: AlwaysValid): Check {
  const item = compile(site.schema.items, `${site.at}/items`);
  if (alwaysValid(site.schema.items)) return ALWAYS;
  return (data, _holder, _key, path, errors) => {
    const list = data as unknown[];
    let ok = true;
    for (let index = 0; index < list.length; index++) {
      if (!item(list[index], list as unknown as Holder, index, childPath(errors, path, index), errors)) {
        ok = false;
        if (!errors) return false;
      }
    }
    return ok;
  };
}

/** minContains (1 unless stated) and maxContains; guard.ts has checked that they are numbers. */
function containsBounds(site: Site): { min: number; max: number | undefined } {
  const { minContains = 1, maxContains } = site.schema;
  return { min: minContains as number, max: maxContains as number | undefined };
}

/**
 * `contains` with ajv's counting: items are tried in order until the count is settled (the first
 * match when only a minimum of 1 applies, the first match past `maxContains` otherwise). The
 * failed items' errors stay when the keyword fails and are dropped when it passes. (An always-valid
 * `contains` takes the same loop: its items all match. The simulator's verdict counts it in
 * verdict.ts; this runs for a refusal's errors and in a client.)
 */
export function containsCheck(site: Site, compile: CompileChild): Check | undefined {
  const { min, max } = containsBounds(site);
  const item = compile(site.schema.contains, `${site.at}/contains`);
  const params = max === undefined ? { minContains: min } : { minContains: min, maxContains: max };
  if (max === undefined && min === 0) return undefined;
  if (max !== undefined && min > max) return (_data, _holder, _key, path, errors) => report(errors, site, 'contains', path, params);
  return (data, _holder, _key, path, errors) => {
    const list = data as unknown[];
    const start = errors?.length ?? 0;
    let valid = min === 0;
    let count = 0;
    for (let index = 0; index < list.length; index++) {
      if (!item(list[index], list as unknown as Holder, index, childPath(errors, path, index), errors)) continue;
      count++;
      if (max === undefined) {
        if (count >= min) {
          valid = true;
          break;
        }
      } else if (count > max) {
        valid = false;
        break;
      } else if (count >= min) valid = true;
    }
    if (!valid) return report(errors, site, 'contains', path, params);
    if (errors) errors.length = start;
    return true;
  };
}

/** `required`: every missing property is reported (a property set to undefined counts as missing, as in ajv). */
export function requiredCheck(site: Site): Check | undefined {
  const list = site.schema.required as string[];
  if (list.length === 0) return undefined;
  return (data, _holder, _key, path, errors) => {
    const object = data as Holder;
    let ok = true;
    for (let index = 0; index < list.length; index++) {
      const name = list[index]!;
      if (object[name] !== undefined) continue;
      if (!errors) return false;
      ok = report(errors, site, 'required', path, { missingProperty: name });
    }
    return ok;
  };
}

/** `properties`: each present property against its schema, in the schema's order. */
export function propertiesCheck(site: Site, compile: CompileChild, alwaysValid: AlwaysValid): Check | undefined {
  const entries = Object.entries(site.schema.properties as Record<string, unknown>)
    .filter(([name]) => name !== '__proto__')
    .map(([name, schema]) => {
      const segment = escapePointerSegment(name);
      return { name, segment, schema, check: compile(schema, `${site.at}/properties/${encodeURIComponent(segment)}`) };
    })
    .filter((entry) => !alwaysValid(entry.schema));
  if (entries.length === 0) return undefined;
  const names = entries.map((entry) => entry.name);
  const segments = entries.map((entry) => entry.segment);
  const checks = entries.map((entry) => entry.check);
  return (data, _holder, _key, path, errors) => {
    const object = data as Holder;
    let ok = true;
    for (let index = 0; index < names.length; index++) {
      const name = names[index]!;
      const value = object[name];
      if (value === undefined || checks[index]!(value, object, name, errors ? `${path}/${segments[index]}` : '', errors)) continue;
      if (!errors) return false;
      ok = false;
    }
    return ok;
  };
}
