/**
 * A raw write to an emulator (or any Stripe address), as a person setting up an account by hand
 * makes it: form-encoded, with the key and optionally a connected account. Throws on an error.
 */
import { encodeForm, type FormParams } from "../../provider/stripe/encode";

export async function stripePost(
  base: string,
  key: string,
  path: string,
  params: FormParams | Record<string, unknown> = {},
  account?: string,
): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${key}`,
      "content-type": "application/x-www-form-urlencoded",
      ...(account ? { "stripe-account": account } : {}),
    },
    body: encodeForm(params as FormParams),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
