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
 * and says how many active subscriptions are still on it (they keep being billed at it).
 */
import { z } from "zod";
import { toStripeKeys } from "../engine/casing";
import { commonInputs } from "../engine/common";
import {
  once,
  type OperationContext,
  type ResourceDeclaration,
  type StripeObject,
} from "../engine/declaration";
import type { PlainObject } from "../engine/values";
import { defaultView } from "../engine/view";
import type { FormParams } from "../stripe/encode";
import { currencySchema, metadataSchema, taxBehaviorSchema } from "./common";
import { productRefSchema } from "./references";

const DECIMAL = /^\d+(\.\d{1,12})?$/;

function decimal() {
  return z.string().regex(DECIMAL, 'must be a decimal string with at most 12 decimal places, e.g. "12.5"');
}

function amount() {
  return z.number().int().nonnegative();
}

function tierSchema() {
  return z.strictObject({
    /** The tier's upper bound in units, or `"inf"` for the last tier. */
    upTo: z.union([z.number().int().positive(), z.literal("inf")]),
    flatAmount: amount().optional(),
    flatAmountDecimal: decimal().optional(),
    unitAmount: amount().optional(),
    unitAmountDecimal: decimal().optional(),
  });
}

function customUnitAmountSchema() {
  return z.strictObject({
    /** The least a customer may pay. */
    minimum: amount().optional(),
    /** The most a customer may pay. */
    maximum: amount().optional(),
    /** The amount shown first. */
    preset: amount().optional(),
  });
}

function currencyOptionSchema() {
  return z.strictObject({
    unitAmount: amount().optional(),
    unitAmountDecimal: decimal().optional(),
    taxBehavior: taxBehaviorSchema().default("unspecified"),
    customUnitAmount: customUnitAmountSchema().optional(),
    tiers: z.array(tierSchema()).min(1).optional(),
  });
}

export function priceSchema() {
  return z
    .strictObject({
      /** The product: its id (`prod_…`) or custom id (e.g. `pro`), or a Product's `id`. Replaces. */
      product: productRefSchema(),
      /** Replaces. */
      currency: currencySchema(),
      /** In the currency's smallest unit (cents). Replaces. */
      unitAmount: amount().optional(),
      /** The same as a decimal string, for fractions of a cent. Replaces. */
      unitAmountDecimal: decimal().optional(),
      /** Lets the customer choose the amount (donations, pay what you want). Replaces. */
      customUnitAmount: customUnitAmountSchema().optional(),
      /** Billing period, for a recurring price. Replaces. */
      recurring: z
        .strictObject({
          interval: z.enum(["day", "week", "month", "year"]),
          intervalCount: z.number().int().positive().default(1),
          usageType: z.enum(["licensed", "metered"]).default("licensed"),
          /** The billing meter (`mtr_…`) of a metered price. */
          meter: z.string().min(1).optional(),
        })
        .optional(),
      /** `per_unit` (default) or `tiered`. Replaces. */
      billingScheme: z.enum(["per_unit", "tiered"]).default("per_unit"),
      /** The tiers of a tiered price. Replaces. */
      tiers: z.array(tierSchema()).min(1).optional(),
      /** `graduated` or `volume`, for a tiered price. Replaces. */
      tiersMode: z.enum(["graduated", "volume"]).optional(),
      /** Bills for packages of units, e.g. per 10 seats. Replaces. */
      transformQuantity: z
        .strictObject({ divideBy: z.number().int().positive(), round: z.enum(["down", "up"]) })
        .optional(),
      /**
       * Whether the amount includes tax. Updates in place while it is `unspecified`; Stripe
       * allows no change once it is `inclusive` or `exclusive`, so such a change replaces.
       */
      taxBehavior: taxBehaviorSchema().default("unspecified"),
      /** Amounts in other currencies, keyed by lower-case currency code. Updates in place. */
      currencyOptions: z
        .record(
          z.string().regex(/^[a-z]{3}$/, "currency keys are lower-case three-letter codes"),
          currencyOptionSchema(),
        )
        .optional(),
      /** Hidden from customers. Updates in place; Stripe cannot unset it, so removing it replaces. */
      nickname: z.string().min(1).max(5000).optional(),
      /**
       * A name for this price that is the same in every account (e.g. `pro-monthly`): other
       * resources reference the price as `{ lookupKey }`. Updates in place, taken over from any
       * price that holds it; Stripe cannot unset it, so removing it replaces.
       */
      lookupKey: z.string().min(1).max(200).optional(),
      /** Whether it can be used for new purchases. Updates in place. */
      active: z.boolean().default(true),
      /**
       * Makes this price its product's default price. Updates in place. Left out, the product's
       * default is not managed here (and a Product resource never manages it, so there is no
       * dependency cycle). Stripe cannot unset a default price: make another price the default.
       */
      productDefault: z.boolean().optional(),
      /** Your key-value pairs. Updates in place; a removed key is deleted in Stripe. */
      metadata: metadataSchema().optional(),
      ...commonInputs(),
    })
    .superRefine((price, ctx) => {
      const amounts = ["unitAmount", "unitAmountDecimal", "customUnitAmount"].filter(
        (k) => price[k as keyof typeof price] !== undefined,
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
      if (price.recurring?.usageType === "metered" && !price.recurring.meter)
        issue("recurring", "a metered price needs recurring.meter");
    });
}

export type PriceInputs = z.input<ReturnType<typeof priceSchema>>;
export type PriceState = z.output<ReturnType<typeof priceSchema>>;

const MAPS = ["metadata", "currencyOptions"];
const UNSET_REPLACES = ["nickname", "lookupKey"];

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
];

/** Stripe parameters: `upTo: "inf"` as is, custom amounts enabled, no local `productDefault`. */
function toParams(inputs: PlainObject): PlainObject {
  const { productDefault: _local, ...rest } = inputs;
  const params = toStripeKeys(rest, MAPS) as PlainObject;
  const enable = (c: unknown) => (c ? { enabled: true, ...(c as PlainObject) } : undefined);
  if (params.custom_unit_amount) params.custom_unit_amount = enable(params.custom_unit_amount);
  for (const option of Object.values((params.currency_options as PlainObject | undefined) ?? {})) {
    const o = option as PlainObject;
    if (o.custom_unit_amount) o.custom_unit_amount = enable(o.custom_unit_amount);
  }
  if (params.lookup_key !== undefined) params.transfer_lookup_key = true;
  return params;
}

/** Stripe's reading: amounts as given, `up_to: null` as `"inf"`, its own currency not an option. */
function fromStripe(object: StripeObject, previous?: PlainObject) {
  const productObject = typeof object.product === "object" && object.product ? object.product : undefined;
  const flat: StripeObject = { ...object, product: productObject ? productObject.id : object.product };
  const tiers = (t: unknown) =>
    Array.isArray(t) ? t.map((tier) => ({ ...tier, up_to: tier.up_to ?? "inf" })) : undefined;
  if (flat.tiers) flat.tiers = tiers(flat.tiers);
  const options = { ...((flat.currency_options as PlainObject | undefined) ?? {}) };
  delete options[String(flat.currency)];
  for (const [k, v] of Object.entries(options)) {
    const o = v as PlainObject;
    options[k] = { ...o, tiers: tiers(o.tiers) } as PlainObject;
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
    view.inputs.productDefault = productObject.default_price === object.id;
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

async function makeDefault(ctx: OperationContext, productId: string, priceId: string): Promise<void> {
  await ctx.api.post(`/v1/products/${encodeURIComponent(productId)}`, { default_price: priceId });
}

export const price: ResourceDeclaration = {
  type: "Price",
  stripeObject: "price",
  path: "/v1/prices",
  schema: once(priceSchema),
  createOnly: CREATE_ONLY,
  maps: MAPS,
  local: ["productDefault"],
  sendWhole: ["currencyOptions"],
  // Stripe returns currency options and tiers only when asked; the product tells the default.
  expand: ["currency_options", "tiers", "product"],
  computed: { type: "string", livemode: "boolean", created: "integer" },
  toParams,
  fromStripe,
  replaceWhen(olds, news) {
    const out = UNSET_REPLACES.filter((k) => olds[k] !== undefined && news[k] === undefined);
    const before = olds.taxBehavior;
    if (before !== undefined && before !== "unspecified" && before !== news.taxBehavior)
      out.push("taxBehavior");
    return out;
  },
  async previewWarnings(ctx, id) {
    const message = await impact(ctx, id);
    if (message) ctx.warn(`replacing this price archives the old one: ${message}`);
  },
  async create(ctx, inputs, params) {
    const created = await ctx.api.create(params as FormParams);
    if (inputs.productDefault === true) {
      await makeDefault(ctx, String(inputs.product), String(created.id));
      return ctx.api.retrieve(String(created.id));
    }
    return created;
  },
  async update(ctx, id, _olds, news, delta) {
    let object =
      Object.keys(delta).length > 0
        ? await ctx.api.update(id, delta as FormParams)
        : await ctx.api.retrieve(id);
    const product = object.product as StripeObject;
    if (news.productDefault === true && product?.default_price !== id) {
      await makeDefault(ctx, String(news.product), id);
      object = await ctx.api.retrieve(id);
    }
    return object;
  },
  planErrors(olds, news) {
    return olds.productDefault === true && news.productDefault === false
      ? [
          "productDefault cannot go from true to false: Stripe cannot unset a product's default price. Make another price the default (productDefault: true on it), then leave productDefault out here.",
        ]
      : [];
  },
  async delete(ctx, id, outputs) {
    const current = await ctx.api.retrieve(id);
    const product = current.product as StripeObject;
    if (product?.default_price === id) {
      // Stripe refuses to archive a default price. A replacement that took over the lookup
      // key takes over the default too; otherwise the price stays active.
      const successor = await takeoverOf(ctx, current, outputs.lookupKey);
      if (!successor) {
        ctx.warn(
          `${id} is the default price of ${product.id}, which Stripe cannot archive; it was left active. Make another price the default, then destroy again.`,
        );
        return;
      }
      await makeDefault(ctx, String(product.id), successor);
      ctx.note(`${successor} took over from ${id} as the default price of ${product.id}.`);
    }
    const message = await impact(ctx, id);
    if (current.active !== false) await ctx.api.update(id, { active: false });
    ctx.note(`${id} was archived (Stripe cannot delete prices).`);
    if (message) ctx.warn(message);
  },
};

/** The active price of the same product that now holds the lookup key this price had. */
async function takeoverOf(
  ctx: OperationContext,
  old: StripeObject,
  lastKey: unknown,
): Promise<string | undefined> {
  const key = old.lookup_key ?? lastKey;
  const product = (old.product as StripeObject).id;
  if (typeof key !== "string") return undefined;
  const list = await ctx.api.list("/v1/prices", { lookup_keys: [key], active: true, product, limit: 1 });
  const holder = list.data.find((p) => p.id !== old.id);
  return holder ? String(holder.id) : undefined;
}
