/**
 * Property values as Pulumi's resource-provider protocol carries them, and back: a secret is
 * an object tagged with Pulumi's signature (the provider says it accepts secrets, so the engine
 * sends them marked and expects its secret outputs marked), an unknown value at preview is a
 * fixed string, and `null` stands for "no value" where the engine sent none. The engine works
 * on plain values; secrecy is tracked per top-level property, which is what Pulumi shows and
 * encrypts.
 */
import { isPlainObject, type Plain, type PlainObject } from "../engine/values";

/** The key and value that mark a special object (the SDK's `specialSigKey`/`specialSecretSig`). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function isSecretValue(value: unknown): value is { value: unknown } {
  return isPlainObject(value) && value[SIG_KEY] === SECRET_SIG;
}

export function secretValue(value: unknown): PlainObject {
  return { [SIG_KEY]: SECRET_SIG, value: value as Plain };
}

/** A value with every secret mark removed, and whether there was any. */
export function revealed(value: unknown): { value: unknown; secret: boolean } {
  if (isSecretValue(value)) return { value: revealed(value.value).value, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(revealed);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (isPlainObject(value)) {
    let secret = false;
    const out: PlainObject = {};
    for (const [key, child] of Object.entries(value)) {
      const r = revealed(child);
      secret ||= r.secret;
      out[key] = r.value as Plain;
    }
    return { value: out, secret };
  }
  return { value, secret: false };
}

/** Properties with secret marks removed, and the top-level keys that held a secret. */
export function revealProperties(props: PlainObject | undefined): {
  props: PlainObject;
  secrets: Set<string>;
} {
  const secrets = new Set<string>();
  const out: PlainObject = {};
  for (const [key, value] of Object.entries(props ?? {})) {
    const r = revealed(value);
    if (r.secret) secrets.add(key);
    // Struct has no `undefined`: the engine sends null for a property with no value.
    if (r.value !== null) out[key] = r.value as Plain;
  }
  return { props: out, secrets };
}

/**
 * Properties with the given top-level keys marked secret, each once: a key may be named twice
 * (secret in the inputs and a secret output) or arrive marked, and a secret inside a secret
 * would reach the engine as a secret object, not the value.
 */
export function markSecrets(props: PlainObject, secrets: Iterable<string>): PlainObject {
  const out: PlainObject = { ...props };
  for (const key of new Set(secrets))
    if (key in out && out[key] !== undefined && !isSecretValue(out[key])) out[key] = secretValue(out[key]);
  return out;
}
