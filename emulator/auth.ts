/** API keys: the mode comes from the prefix, as Stripe's keys carry it. */
import { errors } from "./errors";

const KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9]+$/;

export function authenticate(header: string | undefined): { livemode: boolean } {
  if (!header) throw errors.unauthenticated();
  let key: string | undefined;
  if (header.startsWith("Bearer ")) key = header.slice(7).trim();
  else if (header.startsWith("Basic "))
    key = Buffer.from(header.slice(6), "base64").toString("utf8").split(":")[0];
  if (!key) throw errors.unauthenticated();
  const m = KEY.exec(key);
  if (!m) {
    const shown = key.length > 8 ? `${key.slice(0, 8)}${"*".repeat(8)}${key.slice(-4)}` : "****";
    throw errors.unauthenticated(`Invalid API Key provided: ${shown}`);
  }
  return { livemode: m[2] === "live" };
}
