/**
 * The JSON Schema of a billing spec, built from the resources' own zod schemas, so that an
 * editor completes and checks the YAML (`# yaml-language-server: $schema=…`). Where an entry
 * may name another entry by logical key, any string is accepted besides the Stripe reference.
 */
import { z } from "zod";
import { EACH_ELEMENT } from "../engine/paths";
import { LISTED, SECTION_NAMES, SECTIONS } from "./sections";

type Json = { [key: string]: any };

export function billingSpecJsonSchema(): Json {
  const properties: Json = {};
  for (const name of SECTION_NAMES) {
    const { declaration, refs } = SECTIONS[name];
    const entry = z.toJSONSchema(declaration.schema(), { io: "input", unrepresentable: "any" }) as Json;
    delete entry.$schema;
    for (const site of refs) widen(entry, site.path, site.to);
    for (const listed of LISTED.filter((l) => l.parent === name)) {
      const noun = SECTIONS[listed.section].declaration.words?.noun.toLowerCase() ?? listed.section;
      entry.properties[listed.field] = {
        type: "array",
        items: { type: "string" },
        description: `Each item (a logical key or an id) stands for a ${noun} of this entry, as an entry of ${listed.section} would.`,
      };
    }
    properties[name] = {
      description: `${declaration.type} entries by logical key (the key becomes the resource name).`,
      type: "object",
      propertyNames: { pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$" },
      additionalProperties: entry,
      ...(declaration.singleton ? { maxProperties: 1 } : {}),
    };
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "Stripe billing spec",
    description:
      "An account's billing setup: each section maps logical keys to the inputs of one resource. Values may be `${config:NAME}` (stack config).",
    type: "object",
    additionalProperties: false,
    properties,
  };
}

/** Lets the schema at `path` also take a logical key. */
function widen(schema: Json, path: readonly string[], to: string): void {
  if (Array.isArray(schema.anyOf) && path.length > 0) {
    for (const branch of schema.anyOf) widen(branch, path, to);
    return;
  }
  if (path.length === 0) {
    const original = { ...schema };
    for (const k of Object.keys(schema)) delete schema[k];
    schema.anyOf = [original, { type: "string", description: `The logical key of an entry in ${to}.` }];
    return;
  }
  const [head, ...rest] = path;
  const next = head === EACH_ELEMENT ? schema.items : schema.properties?.[head];
  if (next) widen(next, rest, to);
}
