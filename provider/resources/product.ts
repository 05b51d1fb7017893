/**
 * Product — what you sell; its prices say for how much.
 * Stripe API reference: https://docs.stripe.com/api/products
 *
 * A product may carry a custom id (`productId`, e.g. `pro`): the same in every account, so a
 * program, a price or a portal configuration can name it the same way in test, staging, live
 * and Connect accounts. `productId` replaces the product; everything else updates in place.
 * Stripe deletes a product only while no price uses it (https://docs.stripe.com/api/products/delete):
 * destroy deletes it then, and otherwise archives it (`active: false`), saying which it did.
 * Stripe keeps an archived product's id, so declaring that custom id again takes the archived
 * product back (https://docs.stripe.com/api/products/create#create_product-id: ids are unique).
 */
import type Stripe from "stripe";
import { z } from "zod";
import { toStripeKeys } from "../engine/casing";
import { commonInputs, createdOutput, livemodeOutput } from "../engine/common";
import { declareResource, type OperationContext, type RemoteObject } from "../engine/declaration";
import type { PlainObject } from "../engine/values";
import { defaultView } from "../engine/view";
import { InputError, StripeApiError } from "../errors";
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
    productId: z
      .string()
      .min(1)
      .max(250)
      .regex(CUSTOM_PRODUCT_ID, "letters, digits, `-` and `_` only")
      .optional()
      .describe(
        "A custom id (Stripe's `id` parameter, e.g. `pro`), the same in every account; left out, Stripe generates `prod_…`. Pulumi reserves `id`, hence the name.",
      ),
    name: z.string().min(1).max(250).describe("The name customers see (at most 250 characters)."),
    description: z
      .string()
      .min(1)
      .max(40000)
      .optional()
      .describe("The description customers see; removing it clears it."),
    active: z.boolean().default(true).describe("Whether the product can be bought."),
    images: z.array(url()).max(8).default([]).describe("Up to 8 image URLs (http or https)."),
    marketingFeatures: z
      .array(
        z.strictObject({ name: z.string().min(1).max(80).describe("The feature, as customers see it.") }),
      )
      .max(15)
      .default([])
      .describe("Up to 15 features shown in pricing tables."),
    packageDimensions: z
      .strictObject({
        height: dimension().describe("Height in inches."),
        length: dimension().describe("Length in inches."),
        weight: dimension().describe("Weight in ounces."),
        width: dimension().describe("Width in inches."),
      })
      .optional()
      .describe("The package's size and weight, for shipping."),
    shippable: z
      .boolean()
      .optional()
      .describe("Whether the product is shipped (a physical good). Stripe cannot unset it once set."),
    statementDescriptor: z
      .string()
      .max(22)
      .regex(/[A-Za-z]/, "needs at least one letter")
      .regex(/^[^<>\\'"*]*$/, "cannot contain < > \\ ' \" *")
      .optional()
      .describe(
        "The text on customers' card statements (at most 22 characters, at least one letter). Stripe cannot unset it once set.",
      ),
    taxCode: taxCodeSchema().optional().describe("A Stripe tax code, e.g. `txcd_10103001` (SaaS)."),
    unitLabel: z
      .string()
      .min(1)
      .max(12)
      .optional()
      .describe("The unit on receipts and invoices, e.g. `seat` (at most 12 characters)."),
    url: url().optional().describe("The product's public web page."),
    metadata: metadataSchema()
      .optional()
      .describe("Your own key-value pairs (at most 50); a key removed here is deleted in Stripe."),
    ...commonInputs(),
  });
}

export const product = declareResource({
  type: "Product",
  stripeObject: "product",
  path: "/v1/products",
  identity: { input: "productId", name: (object) => String(object.name) },
  export: {
    lists: [{ active: true }],
    // A custom id is an input; one Stripe generated (`prod_…`) is not.
    prepare: (object) => (isCustomProductId(String(object.id)) ? { previous: { productId: object.id } } : {}),
  },
  words: {
    noun: "Product",
    label: "name",
    destroyed: () => "deleted if it has no prices, else archived (Stripe keeps products that have prices)",
  },
  schema: productSchema,
  computed: () =>
    z.object({
      defaultPrice: z
        .string()
        .optional()
        .describe("The product's default price (`price_…`), as set by a Price with `productDefault: true`."),
      livemode: livemodeOutput(),
      created: createdOutput(),
      updated: z.number().int().describe("When the product last changed, in unix seconds."),
    }),
  createOnly: ["productId"],
  maps: ["metadata"],
  requiredTogether: ["packageDimensions"],
  toParams(inputs) {
    const { productId, ...rest } = inputs;
    const params = toStripeKeys(rest, ["metadata"]) as PlainObject;
    return productId === undefined ? params : { ...params, product_id: productId };
  },
  async create(ctx, _inputs, params) {
    const { product_id: id, ...rest } = params as FormParams;
    if (id === undefined) return ctx.api.create(rest);
    try {
      return await ctx.api.create({ id, ...rest });
    } catch (err) {
      if (!(err instanceof StripeApiError && err.code === "resource_already_exists")) throw err;
      return takeBackArchived(ctx, String(id));
    }
  },
  fromStripe(remote, previous) {
    const object = remote as Stripe.Product;
    const view = defaultView(remote, {
      schema: productSchema(),
      computed: ["defaultPrice", "livemode", "created", "updated"],
      maps: ["metadata"],
    });
    // The id is an input only when the program chose it.
    if (previous?.productId !== undefined) view.inputs.productId = object.id;
    return view;
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
});

/**
 * A custom id Stripe already holds: a destroy archived that product (it had prices), and Stripe
 * never frees the id. When the product was archived when this resource first found it
 * (`firstSeen`, so a run killed after taking it back is answered the same), it is taken under
 * management again and the engine brings it to the inputs (`active: true` among them); an
 * active product is someone else's, and the create is refused, naming `productId`.
 */
async function takeBackArchived(ctx: OperationContext, id: string): Promise<RemoteObject> {
  const path = `/v1/products/${encodeURIComponent(id)}`;
  const seen = ctx.api.firstSeen ? await ctx.api.firstSeen(path) : await ctx.api.retrieve(id);
  if (seen.active !== false) {
    throw new InputError(
      "product_id_taken",
      `the product ${id} already exists and is active: take it under management with adoptId: ${id}, or choose another productId`,
      "productId",
    );
  }
  ctx.note(`${id} was archived; it is managed again (Stripe keeps a product's id once archived).`);
  return ctx.api.retrieve(id);
}

/** A custom product id (`pro`) rather than one Stripe generated (`prod_…`). */
export function isCustomProductId(id: string): boolean {
  return CUSTOM_PRODUCT_ID.test(id) && !id.startsWith("prod_");
}
