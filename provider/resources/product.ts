/**
 * Product — what you sell; its prices say for how much.
 * Stripe API reference: https://docs.stripe.com/api/products
 *
 * A product may carry a custom id (`productId`, e.g. `pro`): the same in every account, so a
 * program, a price or a portal configuration can name it the same way in test, staging, live
 * and Connect accounts. `productId` replaces the product; everything else updates in place.
 * Stripe deletes a product only while no price uses it (https://docs.stripe.com/api/products/delete):
 * destroy deletes it then, and otherwise archives it (`active: false`), saying which it did.
 */
import { z } from "zod";
import { toStripeKeys } from "../engine/casing";
import { commonInputs } from "../engine/common";
import { once, type ResourceDeclaration } from "../engine/declaration";
import type { PlainObject } from "../engine/values";
import { defaultView } from "../engine/view";
import type { FormParams } from "../stripe/encode";
import { metadataSchema, taxCodeSchema } from "./common";

/** A custom product id: https://docs.stripe.com/api/products/create#create_product-id */
export const CUSTOM_PRODUCT_ID = /^[A-Za-z0-9_-]+$/;

function url() {
  return z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(5000);
}

function dimension() {
  return z.number().positive().max(99999.99);
}

export function productSchema() {
  return z.strictObject({
    /**
     * A custom id (Stripe's `id` parameter, e.g. `pro`), the same in every account; left out,
     * Stripe generates `prod_…`. Pulumi reserves `id`, hence the name. Replaces.
     */
    productId: z
      .string()
      .min(1)
      .max(250)
      .regex(CUSTOM_PRODUCT_ID, "letters, digits, `-` and `_` only")
      .optional(),
    /** Shown to customers. Updates in place. */
    name: z.string().min(1).max(250),
    /** Shown to customers. Updates in place; removing it clears it. */
    description: z.string().min(1).max(40000).optional(),
    /** Whether it can be bought. Updates in place. */
    active: z.boolean().default(true),
    /** Up to 8 image URLs. Updates in place. */
    images: z.array(url()).max(8).default([]),
    /** Up to 15 features shown in pricing tables. Updates in place. */
    marketingFeatures: z
      .array(z.strictObject({ name: z.string().min(1).max(80) }))
      .max(15)
      .default([]),
    /** The package's size (inches) and weight (ounces), for shipping. Updates in place. */
    packageDimensions: z
      .strictObject({ height: dimension(), length: dimension(), weight: dimension(), width: dimension() })
      .optional(),
    /** Whether it is shipped (a physical good). Updates in place; Stripe cannot unset it. */
    shippable: z.boolean().optional(),
    /**
     * The card statement text (≤ 22 characters, at least one letter, none of `<>\'"*`).
     * Updates in place; Stripe cannot unset it.
     */
    statementDescriptor: z
      .string()
      .max(22)
      .regex(/[A-Za-z]/, "needs at least one letter")
      .regex(/^[^<>\\'"*]*$/, "cannot contain < > \\ ' \" *")
      .optional(),
    /** A Stripe tax code, e.g. `txcd_10103001` (SaaS). Updates in place. */
    taxCode: taxCodeSchema().optional(),
    /** The unit on receipts and invoices, e.g. `seat` (≤ 12 characters). Updates in place. */
    unitLabel: z.string().min(1).max(12).optional(),
    /** The product's public web page. Updates in place. */
    url: url().optional(),
    /** Your key-value pairs. Updates in place; a removed key is deleted in Stripe. */
    metadata: metadataSchema().optional(),
    ...commonInputs(),
  });
}

export type ProductInputs = z.input<ReturnType<typeof productSchema>>;
export type ProductState = z.output<ReturnType<typeof productSchema>>;

/** Inputs Stripe's update cannot unset (`shippable`, `statement_descriptor` are not emptyable). */
const NOT_UNSETTABLE = ["shippable", "statementDescriptor"];

export const product: ResourceDeclaration = {
  type: "Product",
  stripeObject: "product",
  path: "/v1/products",
  schema: once(productSchema),
  createOnly: ["productId"],
  maps: ["metadata"],
  sendWhole: ["packageDimensions"],
  computed: { defaultPrice: "string", livemode: "boolean", created: "integer", updated: "integer" },
  toParams(inputs) {
    const { productId, ...rest } = inputs;
    const params = toStripeKeys(rest, ["metadata"]) as PlainObject;
    return productId === undefined ? params : { ...params, product_id: productId };
  },
  async create(ctx, _inputs, params) {
    const { product_id: id, ...rest } = params as FormParams;
    return ctx.api.create(id === undefined ? rest : { id, ...rest });
  },
  fromStripe(object, previous) {
    const view = defaultView(object, {
      schema: product.schema(),
      computed: ["defaultPrice", "livemode", "created", "updated"],
      maps: ["metadata"],
    });
    // The id is an input only when the program chose it.
    if (previous?.productId !== undefined) view.inputs.productId = object.id;
    return view;
  },
  planErrors(olds, news) {
    return NOT_UNSETTABLE.filter((k) => olds[k] !== undefined && news[k] === undefined).map(
      (k) =>
        `${k} cannot be removed: Stripe cannot unset it once set. Give it a value (e.g. ${k === "shippable" ? "false" : "another text"}) instead.`,
    );
  },
  async delete(ctx, id) {
    const prices = await ctx.api.list("/v1/prices", { product: id, limit: 1 });
    if (prices.data.length === 0) {
      await ctx.api.remove(id);
      ctx.note(`${id} was deleted.`);
      return;
    }
    await ctx.api.update(id, { active: false });
    ctx.note(`${id} was archived (active: false), not deleted: Stripe keeps products that have prices.`);
  },
};
