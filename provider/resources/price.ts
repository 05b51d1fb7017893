/**
 * Price — how much a product costs and how often (https://docs.stripe.com/api/prices).
 *
 * What a price charges never changes in Stripe: its product, currency, amounts, tiers and
 * recurrence replace it. Only `active`, `metadata`, `nickname`, `lookupKey`, `currencyOptions`
 * and a `taxBehavior` still `unspecified` update in place (the update parameters of the pinned
 * API version: https://docs.stripe.com/api/prices/update).
 *
 * A replacement never leaves a gap: the new price is created first and takes over the lookup
 * key (`transfer_lookup_key`) and, when the old one was its product's default, that role too;
 * only then is the old price archived. Stripe cannot delete prices: **destroy archives** it,
 * and says how many active subscriptions are still on it (they keep being billed at it) —
 * except a product's default price, which Stripe cannot archive (see `defaultLeftActive`).
 */
import type Stripe from "stripe";
import { z } from "zod";
import { toStripeKeys } from "../engine/casing";
import { commonInputs, createdOutput, livemodeOutput } from "../engine/common";
import { declareResource, type OperationContext, type RemoteObject } from "../engine/declaration";
import type { PlainObject } from "../engine/values";
import { defaultView } from "../engine/view";
import type { FormParams } from "../stripe/encode";
import {
  acceptingStripeOnlyValues,
  currencyKeySchema,
  currencySchema,
  metadataSchema,
  taxBehaviorSchema,
  withStripeOnlyValues,
  type StripeOnlyValue,
} from "./common";
import { forgetLookupKeys, meterRefSchema, productRefSchema } from "./references";

const DECIMAL = /^\d+(\.\d{1,12})?$/;

function decimal() {
  return z.string().regex(DECIMAL, 'must be a decimal string with at most 12 decimal places, e.g. "12.5"');
}

function amount() {
  return z.number().int().nonnegative();
}

function tierSchema() {
  return z.strictObject({
    upTo: z
      .union([z.number().int().positive(), z.literal("inf")])
      .describe('The tier\'s upper bound in units, or `"inf"` for the last tier.'),
    flatAmount: amount()
      .optional()
      .describe("A flat amount for the whole tier, in the smallest currency unit."),
    flatAmountDecimal: decimal().optional().describe("The same as a decimal string."),
    unitAmount: amount()
      .optional()
      .describe("The amount per unit in this tier, in the smallest currency unit."),
    unitAmountDecimal: decimal().optional().describe("The same as a decimal string."),
  });
}

/** Stripe requires `custom_unit_amount.enabled`; only `true` means anything, so it is sent for the user. */
const CUSTOM_AMOUNT_STRIPE_ONLY: Record<"enabled", StripeOnlyValue> = {
  enabled: {
    value: true,
    why: "a custom unit amount is enabled by being given; for a fixed amount, leave customUnitAmount out",
    source: "https://docs.stripe.com/api/prices/create#create_price-custom_unit_amount-enabled",
  },
};

function customUnitAmountSchema() {
  return acceptingStripeOnlyValues(
    z.strictObject({
      minimum: amount().optional().describe("The least a customer may pay."),
      maximum: amount().optional().describe("The most a customer may pay."),
      preset: amount().optional().describe("The amount shown first."),
    }),
    CUSTOM_AMOUNT_STRIPE_ONLY,
  );
}

function currencyOptionSchema() {
  return z.strictObject({
    unitAmount: amount().optional().describe("The amount in this currency, in its smallest unit."),
    unitAmountDecimal: decimal().optional().describe("The same as a decimal string."),
    taxBehavior: taxBehaviorSchema().default("unspecified").describe("Whether this amount includes tax."),
    customUnitAmount: customUnitAmountSchema()
      .optional()
      .describe("Customer-chosen amounts in this currency."),
    tiers: z
      .array(tierSchema())
      .min(1)
      .optional()
      .describe("The tiers in this currency, for a tiered price."),
  });
}

export function priceSchema() {
  return z
    .strictObject({
      product: productRefSchema().describe(
        "The product: its id (`prod_…`), its custom id (e.g. `pro`), or a Product's `id`.",
      ),
      currency: currencySchema().describe("Three-letter ISO currency code, e.g. `usd`."),
      unitAmount: amount()
        .optional()
        .describe("The amount per unit, in the currency's smallest unit (cents)."),
      unitAmountDecimal: decimal()
        .optional()
        .describe('The same as a decimal string, for fractions of a cent, e.g. `"0.5"`.'),
      customUnitAmount: customUnitAmountSchema()
        .optional()
        .describe("Lets the customer choose the amount (donations, pay what you want)."),
      recurring: z
        .strictObject({
          interval: z.enum(["day", "week", "month", "year"]).describe("How often the price is billed."),
          intervalCount: z.number().int().positive().default(1).describe("Intervals between bills."),
          usageType: z
            .enum(["licensed", "metered"])
            .default("licensed")
            .describe("`licensed` (a quantity) or `metered` (usage reported to a meter)."),
          meter: meterRefSchema()
            .optional()
            .describe("The billing meter of a metered price: its id (`mtr_…`) or a Meter's `id`."),
        })
        .optional()
        .describe("The billing period of a recurring price; left out, the price is one-time."),
      billingScheme: z
        .enum(["per_unit", "tiered"])
        .default("per_unit")
        .describe("`per_unit` (one amount per unit) or `tiered`."),
      tiers: z.array(tierSchema()).min(1).optional().describe("The tiers of a tiered price."),
      tiersMode: z
        .enum(["graduated", "volume"])
        .optional()
        .describe("`graduated` (each tier for its units) or `volume` (one tier for all units)."),
      transformQuantity: z
        .strictObject({
          divideBy: z.number().int().positive().describe("Units per package."),
          round: z.enum(["down", "up"]).describe("How a partial package is counted."),
        })
        .optional()
        .describe("Bills for packages of units, e.g. per 10 seats."),
      taxBehavior: taxBehaviorSchema()
        .default("unspecified")
        .describe(
          "Whether the amount includes tax. Updates in place while `unspecified`; Stripe allows no change once `inclusive` or `exclusive`, so such a change replaces the price.",
        ),
      currencyOptions: z
        .record(currencyKeySchema(), currencyOptionSchema())
        .optional()
        .describe("Amounts in other currencies, keyed by lower-case currency code, e.g. `eur`."),
      nickname: z
        .string()
        .min(1)
        .max(5000)
        .optional()
        .describe("A name hidden from customers. Stripe cannot unset it, so removing it replaces the price."),
      lookupKey: z
        .string()
        .min(1)
        .max(200)
        .optional()
        .describe(
          "A name for the price that is the same in every account (e.g. `pro-monthly`); other resources reference the price as `{ lookupKey }`. Taken over from any price holding it. Stripe cannot unset it, so removing it replaces the price.",
        ),
      active: z.boolean().default(true).describe("Whether the price can be used for new purchases."),
      productDefault: z
        .boolean()
        .optional()
        .describe(
          "`true` makes this price its product's default price. Left out, the default is not managed here (a Product never manages it, so there is no dependency cycle). Stripe cannot unset a default price: make another price the default instead.",
        ),
      metadata: metadataSchema()
        .optional()
        .describe("Your own key-value pairs (at most 50); a key removed here is deleted in Stripe."),
      ...commonInputs(),
    })
    .superRefine((price, ctx) => {
      const amounts = (["unitAmount", "unitAmountDecimal", "customUnitAmount"] as const).filter(
        (k) => price[k] !== undefined,
      );
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });
      if (price.billingScheme === "tiered") {
        if (!price.tiers) issue("tiers", "a tiered price needs tiers");
        if (!price.tiersMode) issue("tiersMode", "a tiered price needs tiersMode");
        for (const k of amounts) issue(k, "a tiered price takes its amounts from tiers");
      } else {
        if (amounts.length !== 1)
          issue("unitAmount", "give exactly one of unitAmount, unitAmountDecimal and customUnitAmount");
        if (price.tiers) issue("tiers", "tiers need billingScheme: tiered");
        if (price.tiersMode) issue("tiersMode", "tiersMode needs billingScheme: tiered");
      }
      if (price.currencyOptions?.[price.currency])
        issue("currencyOptions", `${price.currency} is the price's own currency, not an option`);
      // Stripe refuses a metered price without a meter since 2025-03-31 (the pinned SDK's
      // PriceCreateParams.Recurring does not say so: its `meter` is optional for licensed prices):
      // https://docs.stripe.com/changelog/basil/2025-03-31/deprecate-legacy-usage-based-billing
      if (price.recurring?.usageType === "metered" && !price.recurring.meter)
        ctx.addIssue({
          code: "custom",
          path: ["recurring", "meter"],
          message: "a metered price needs a billing meter (a Meter's id, or mtr_…)",
        });
    });
}

const MAPS = ["metadata", "currencyOptions"] as const;

/** What the price charges: a change replaces it. */
const CREATE_ONLY = [
  "product",
  "currency",
  "unitAmount",
  "unitAmountDecimal",
  "customUnitAmount",
  "recurring",
  "billingScheme",
  "tiers",
  "tiersMode",
  "transformQuantity",
] as const;

/** Stripe parameters: `upTo: "inf"` as is, custom amounts enabled, no local `productDefault`. */
function toParams(inputs: PlainObject): PlainObject {
  const { productDefault: _local, ...rest } = inputs;
  const params = toStripeKeys(rest, MAPS) as PlainObject;
  const enable = (c: unknown) =>
    c ? withStripeOnlyValues(c as PlainObject, CUSTOM_AMOUNT_STRIPE_ONLY) : undefined;
  if (params.custom_unit_amount) params.custom_unit_amount = enable(params.custom_unit_amount);
  for (const option of Object.values((params.currency_options as PlainObject | undefined) ?? {})) {
    const o = option as PlainObject;
    if (o.custom_unit_amount) o.custom_unit_amount = enable(o.custom_unit_amount);
  }
  if (params.lookup_key !== undefined) params.transfer_lookup_key = true;
  return params;
}

/** Stripe's reading: amounts as given, `up_to: null` as `"inf"`, its own currency not an option. */
function fromStripe(remote: RemoteObject, previous?: PlainObject) {
  const object = remote as Stripe.Price;
  const productObject = typeof object.product === "object" && object.product ? object.product : undefined;
  const flat: RemoteObject = { ...object, product: productObject ? productObject.id : object.product };
  const tiers = (t: unknown) =>
    Array.isArray(t) ? t.map((tier) => ({ ...tier, up_to: tier.up_to ?? "inf" })) : undefined;
  if (flat.tiers) flat.tiers = tiers(flat.tiers);
  // A custom amount Stripe returns is enabled, even with no bounds (all null).
  const custom = (c: unknown) => (c ? withStripeOnlyValues(c as PlainObject, CUSTOM_AMOUNT_STRIPE_ONLY) : c);
  flat.custom_unit_amount = custom(flat.custom_unit_amount);
  const options = { ...((flat.currency_options as PlainObject | undefined) ?? {}) };
  delete options[String(flat.currency)];
  for (const [k, v] of Object.entries(options)) {
    const o = v as PlainObject;
    options[k] = {
      ...o,
      tiers: tiers(o.tiers),
      custom_unit_amount: custom(o.custom_unit_amount),
    } as PlainObject;
  }
  flat.currency_options = options;
  // Stripe fills both spellings of an amount; keep the one the inputs use.
  const keepDecimal = previous?.unitAmountDecimal !== undefined;
  if (flat.unit_amount !== null && !keepDecimal) flat.unit_amount_decimal = null;
  else if (keepDecimal) flat.unit_amount = null;
  dropDuplicateAmounts(flat.tiers as PlainObject[] | undefined);
  for (const o of Object.values(options)) {
    const option = o as PlainObject;
    if (option.unit_amount !== null && option.unit_amount !== undefined) option.unit_amount_decimal = null;
    dropDuplicateAmounts(option.tiers as PlainObject[] | undefined);
    if (option.custom_unit_amount === null) delete option.custom_unit_amount;
  }
  const view = defaultView(flat, {
    schema: price.schema(),
    computed: ["type", "livemode", "created"],
    maps: MAPS,
  });
  if (previous?.productDefault !== undefined && productObject) {
    view.inputs.productDefault = !productObject.deleted && productObject.default_price === object.id;
  }
  return view;
}

function dropDuplicateAmounts(tiers: PlainObject[] | undefined): void {
  for (const tier of tiers ?? []) {
    if (tier.unit_amount !== null && tier.unit_amount !== undefined) tier.unit_amount_decimal = null;
    if (tier.flat_amount !== null && tier.flat_amount !== undefined) tier.flat_amount_decimal = null;
  }
}

/** Most subscriptions counted per price before the count is given as "at least". */
export const SUBSCRIPTION_COUNT_LIMIT = 1000;

/** Active subscriptions on a price, counted with list calls of 100, at most 10 of them. */
export async function activeSubscriptions(
  ctx: OperationContext,
  id: string,
): Promise<{ count: number; more: boolean }> {
  let count = 0;
  let startingAfter: string | undefined;
  for (let page = 0; page < SUBSCRIPTION_COUNT_LIMIT / 100; page++) {
    const list = await ctx.api.list("/v1/subscriptions", {
      price: id,
      status: "active",
      limit: 100,
      ...(startingAfter ? { starting_after: startingAfter } : {}),
    });
    count += list.data.length;
    if (!list.has_more || list.data.length === 0) return { count, more: false };
    startingAfter = String(list.data[list.data.length - 1].id);
  }
  return { count, more: true };
}

/** The customer impact of archiving a price, in plain words (undefined when nobody is on it). */
async function impact(ctx: OperationContext, id: string): Promise<string | undefined> {
  const { count, more } = await activeSubscriptions(ctx, id);
  if (count === 0) return undefined;
  const n = more ? `at least ${count}` : String(count);
  const subs = count === 1 && !more ? "active subscription is" : "active subscriptions are";
  return `${n} ${subs} still on ${id}; archiving it does not move them: they keep being billed at this price until you move them to another.`;
}

/**
 * A price write may set, move or transfer a lookup key: what this process knew of the
 * account's keys is forgotten once it is done (see references.ts).
 */
async function writingKeys<T>(ctx: OperationContext, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } finally {
    forgetLookupKeys(ctx);
  }
}

async function makeDefault(ctx: OperationContext, productId: string, priceId: string): Promise<void> {
  await ctx.api.post(`/v1/products/${encodeURIComponent(productId)}`, { default_price: priceId });
}

export const price = declareResource({
  type: "Price",
  stripeObject: "price",
  path: "/v1/prices",
  identity: {
    input: "lookupKey",
    name(object, inputs) {
      if (typeof object.nickname === "string") return object.nickname;
      const recurring = inputs.recurring as PlainObject | undefined;
      const count = Number(recurring?.intervalCount ?? 1);
      const period = recurring ? `${count > 1 ? count : ""}${String(recurring.interval)}` : "once";
      return `${String(inputs.product)}-${String(object.currency)}-${period}`;
    },
  },
  export: {
    lists: [{ active: true }],
    // Prices of exported products only, read with their product (the default price says so).
    prepare(object, exported) {
      const productId = idOf(object.product);
      const product = exported.get("Product", productId);
      if (!product)
        return `is active but its product ${productId} is archived: left out (archived products are not exported).`;
      const isDefault = idOf(product.default_price) === object.id;
      return { object: { ...object, product }, previous: isDefault ? { productDefault: true } : undefined };
    },
    referredAs: (object) =>
      typeof object.lookup_key === "string"
        ? { value: { lookupKey: object.lookup_key }, how: "its lookup key" }
        : undefined,
  },
  words: {
    noun: "Price",
    label: "lookupKey",
    destroyed: (inputs) =>
      inputs.productDefault === true
        ? "archived if another price is its product's default by then; otherwise it stays active in Stripe as the default (Stripe cannot archive a default price) until you archive it by hand after another price takes over, and destroying the product too only archives the product"
        : "archived (Stripe cannot delete prices; subscriptions on it keep it)",
  },
  schema: priceSchema,
  createOnly: CREATE_ONLY,
  maps: MAPS,
  local: ["productDefault"],
  // Stripe cannot unset these (not emptyable in the update parameters): a price without them is a new price.
  replaceOnRemove: ["nickname", "lookupKey", "currencyOptions.*"],
  requiredTogether: ["currencyOptions"],
  // Stripe returns currency options and tiers only when asked; the product tells the default.
  expand: ["currency_options", "tiers", "product"],
  computed: () =>
    z.object({
      type: z.enum(["one_time", "recurring"]).describe("`recurring` or `one_time`."),
      livemode: livemodeOutput(),
      created: createdOutput(),
    }),
  toParams,
  fromStripe,
  replaceWhen(olds, news) {
    // "Once specified as either inclusive or exclusive, it cannot be changed."
    const before = olds.taxBehavior;
    return before !== undefined && before !== "unspecified" && before !== news.taxBehavior
      ? ["taxBehavior"]
      : [];
  },
  async previewWarnings(ctx, id) {
    const message = await impact(ctx, id);
    if (message) ctx.warn(`replacing this price archives the old one: ${message}`);
  },
  async create(ctx, inputs, params) {
    return writingKeys(ctx, async () => {
      const created = await ctx.api.create(params as FormParams);
      if (inputs.productDefault === true) {
        await makeDefault(ctx, String(inputs.product), String(created.id));
        return ctx.api.retrieve(String(created.id));
      }
      return created;
    });
  },
  async update(ctx, id, _olds, news, delta) {
    return writingKeys(ctx, async () => {
      let object =
        Object.keys(delta).length > 0
          ? await ctx.api.update(id, delta as FormParams)
          : await ctx.api.retrieve(id);
      const product = object.product as RemoteObject;
      if (news.productDefault === true && product?.default_price !== id) {
        await makeDefault(ctx, String(news.product), id);
        object = await ctx.api.retrieve(id);
      }
      return object;
    });
  },
  planErrors(olds, news) {
    return olds.productDefault === true && news.productDefault === false
      ? [
          "productDefault cannot go from true to false: Stripe cannot unset a product's default price. Make another price the default (productDefault: true on it), then leave productDefault out here.",
        ]
      : [];
  },
  async delete(ctx, id, outputs) {
    return writingKeys(ctx, async () => {
      const current = await ctx.api.retrieve(id);
      const product = current.product as RemoteObject;
      if (product?.default_price === id) {
        // Stripe refuses to archive a default price. A replacement that took over the lookup
        // key takes over the default too; otherwise the price stays active.
        const successor = await takeoverOf(ctx, current, outputs.lookupKey);
        if (!successor) {
          ctx.warn(defaultLeftActive(id, product));
          return;
        }
        await makeDefault(ctx, String(product.id), successor);
        ctx.note(`${successor} took over from ${id} as the default price of ${product.id}.`);
      }
      const message = await impact(ctx, id);
      if (current.active !== false) await ctx.api.update(id, { active: false });
      ctx.note(`${id} was archived (Stripe cannot delete prices).`);
      if (message) ctx.warn(message);
    });
  },
});

/**
 * What happens to a default price destroy cannot archive, and what the user can do: Stripe
 * refuses to archive a product's default price and cannot empty `default_price`
 * (https://docs.stripe.com/api/products/update#update_product-default_price). Pulumi forgets
 * the price all the same, so destroying again would do nothing. A product destroyed in the same
 * run (after its prices, which depend on it) is archived, not deleted, since it has prices.
 */
function defaultLeftActive(id: string, product: RemoteObject): string {
  const productState =
    product.active === false
      ? `The product ${product.id} is archived, so it is not offered for new purchases, but ${id} stays active as its default.`
      : `If ${product.id} is destroyed too, it is archived, not deleted (Stripe keeps products that have prices): no longer offered for purchase, but ${id} stays active as its default.`;
  return `${id} stays active in Stripe, no longer managed by this stack: it is the default price of ${product.id}, and Stripe cannot archive a product's default price nor leave a product without one. It stays the default until another price takes over: declare one with productDefault: true, then archive ${id} in the Dashboard or with \`stripe prices update ${id} -d active=false\`. ${productState}`;
}

/** The active price of the same product that now holds the lookup key this price had. */
async function takeoverOf(
  ctx: OperationContext,
  old: RemoteObject,
  lastKey: unknown,
): Promise<string | undefined> {
  const key = old.lookup_key ?? lastKey;
  const product = (old.product as RemoteObject).id;
  if (typeof key !== "string") return undefined;
  const list = await ctx.api.list("/v1/prices", { lookup_keys: [key], active: true, product, limit: 1 });
  const holder = list.data.find((p) => p.id !== old.id);
  return holder ? String(holder.id) : undefined;
}

/** The id of a reference Stripe may return expanded. */
function idOf(value: unknown): string {
  return typeof value === "object" && value !== null ? String((value as { id?: unknown }).id) : String(value);
}
