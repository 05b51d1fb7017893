/**
 * A resource's prose — what it is, its Stripe reference, an example — is a Markdown file beside
 * its declaration (`provider/resources/shipping-rate.md` for `ShippingRate`), read only by the
 * generators: the runtime modules carry no text they never use.
 *
 *     # ShippingRate
 *
 *     What the resource is: what replaces it, what updates in place, what destroy does.
 *
 *     Stripe API reference: https://docs.stripe.com/api/shipping_rates
 *
 *     ## Example
 *
 *     ```ts
 *     new ShippingRate("ground", { … });
 *     ```
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { AnyDeclaration } from "../provider/engine/declaration";
import { packageRoot } from "../provider/package-info";

export interface Prose {
  /** What the resource is, in a few sentences (Markdown). */
  description: string;
  /** Stripe's API reference for the object. */
  reference: string;
  /** A short program using the resource. */
  example: string;
}

/** The module name of a declaration's type: `ShippingRate` → `shipping-rate`. */
export function moduleOf(type: string): string {
  return type.replace(/(?<=[a-z0-9])([A-Z])/g, "-$1").toLowerCase();
}

/** The Markdown file holding a declaration's prose, from the package root. */
export function prosePath(decl: AnyDeclaration): string {
  return path.join("provider", "resources", `${moduleOf(decl.type)}.md`);
}

const REFERENCE = /^Stripe API reference: (\S+)$/m;

/** A declaration's prose; throws, naming the file and what is missing, when it is incomplete. */
export function proseOf(decl: AnyDeclaration): Prose {
  const file = prosePath(decl);
  const text = fs.readFileSync(path.join(packageRoot(), file), "utf8");
  const fail = (what: string) => {
    throw new Error(`${file}: ${what} (see scripts/prose.ts for the layout)`);
  };
  const [head, exampleSection] = text.split(/^## Example$/m);
  if (!head.startsWith(`# ${decl.type}\n`)) fail(`the first line must be "# ${decl.type}"`);
  const reference = REFERENCE.exec(head)?.[1] ?? fail('no "Stripe API reference: <url>" line');
  const description = head.slice(`# ${decl.type}\n`.length).replace(REFERENCE, "").trim();
  if (!description) fail("no description");
  const example =
    /```ts\n([\s\S]*?)\n```/.exec(exampleSection ?? "")?.[1] ?? fail("no ```ts block under ## Example");
  return { description, reference, example };
}
