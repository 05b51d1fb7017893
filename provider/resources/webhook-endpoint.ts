/**
 * WebhookEndpoint — a URL Stripe sends the account's events to, with the signing secret the
 * receiver checks them with.
 */
import { z } from "zod";
import { commonInputs, createdOutput, livemodeOutput } from "../engine/common";
import { declareResource, once, type RemoteObject } from "../engine/declaration";
import { defaultView } from "../engine/view";
import type { FormParams } from "../stripe/encode";
import { STRIPE_PARAMS, STRIPE_PARAMS_API_VERSION } from "../stripe/stripe-params";
import { metadataSchema } from "./common";

/**
 * The values a create parameter takes (itself or each of its items) for the pinned API version,
 * from the SDK's WebhookEndpointCreateParams: too many to spell out in the schema's types.
 */
function pinnedValues(param: string): ReadonlySet<string> {
  const params = STRIPE_PARAMS["POST /v1/webhook_endpoints"];
  const node = params.type === "object" ? params.fields[param] : undefined;
  const values = node?.type === "array" ? node.items : node;
  return new Set(values?.type === "enum" ? values.values : []);
}

const EVENTS = once(() => pinnedValues("enabled_events"));
const API_VERSIONS = once(() => pinnedValues("api_version"));

/** An absolute http(s) URL: Stripe delivers events over HTTP POST to it. */
function isWebhookUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

export function webhookEndpointSchema() {
  return z.strictObject({
    // https://docs.stripe.com/api/webhook_endpoints/create#create_webhook_endpoint-url
    url: z
      .string()
      .refine(isWebhookUrl, "must be an absolute http(s) URL, e.g. https://example.com/stripe/webhooks")
      .describe("Where Stripe sends the events, e.g. `https://example.com/stripe/webhooks`."),
    // https://docs.stripe.com/api/webhook_endpoints/create#create_webhook_endpoint-enabled_events
    enabledEvents: z
      .array(
        z.string().superRefine((event, ctx) => {
          if (!EVENTS().has(event))
            ctx.addIssue({
              code: "custom",
              message: `"${event}" is not an event type of Stripe API ${STRIPE_PARAMS_API_VERSION} (e.g. invoice.paid, or * for every event)`,
            });
        }),
      )
      .min(1)
      // Stripe keeps them as a set: one order on both sides, so a reordering is no change.
      .transform((events) => [...new Set(events)].sort())
      .describe(
        "The event types sent, e.g. `invoice.paid`, `customer.subscription.updated`; `*` for every event.",
      ),
    description: z.string().min(1).optional().describe("What the endpoint is for, for your own team."),
    apiVersion: z
      .string()
      .refine((v) => API_VERSIONS().has(v), "must be a Stripe API version, e.g. 2026-10-28.endive")
      .optional()
      .describe("The API version events are rendered in; the account's default version when left out."),
    connect: z
      .boolean()
      .optional()
      .describe("Whether the endpoint receives events from connected accounts instead of this account."),
    disabled: z
      .boolean()
      .default(false)
      .describe("Whether Stripe stops sending events to the endpoint (it keeps its configuration)."),
    metadata: metadataSchema()
      .optional()
      .describe("Your own key-value pairs (at most 50); a key removed here is deleted in Stripe."),
    ...commonInputs(),
  });
}

/** Inputs of a WebhookEndpoint, as the user writes them. */
export type WebhookEndpointInputs = z.input<ReturnType<typeof webhookEndpointSchema>>;

const schema = once(webhookEndpointSchema);

const computed = once(() =>
  z.object({
    secret: z
      .string()
      .optional()
      .describe(
        "The signing secret (`whsec_…`) to check the events' signatures with. Stripe returns it only when the endpoint is created: a secret output, absent for an adopted endpoint.",
      ),
    livemode: livemodeOutput(),
    created: createdOutput(),
  }),
);

export const webhookEndpoint = declareResource({
  type: "WebhookEndpoint",
  stripeObject: "webhook_endpoint",
  path: "/v1/webhook_endpoints",
  // No custom id: an endpoint is known by where it sends, the same in every account.
  identity: { name: (object) => String(object.url).replace(/^https?:\/\//, "") },
  export: { lists: [{}] },
  words: {
    noun: "Webhook endpoint",
    label: "url",
    destroyed: () => "deleted: Stripe stops sending it events, and its signing secret is gone",
  },
  schema,
  computed,
  // WebhookEndpointUpdateParams has neither: https://docs.stripe.com/api/webhook_endpoints/update
  createOnly: ["apiVersion", "connect"],
  maps: ["metadata"],
  // Only the update takes `disabled`: https://docs.stripe.com/api/webhook_endpoints/update#update_webhook_endpoint-disabled
  updateOnly: ["disabled"],
  // Stripe returns the secret in the create response only; every read after it lacks it.
  // https://docs.stripe.com/api/webhook_endpoints/object#webhook_endpoint_object-secret
  keptOutputs: ["secret"],
  secretOutputs: ["secret"],
  fromStripe(object, previous) {
    const view = defaultView(
      // `disabled` is read from the endpoint's status, the only place Stripe shows it.
      { ...object, disabled: object.status === "disabled" },
      { schema: schema(), computed: ["livemode", "created"], maps: ["metadata"] },
    );
    // Stripe never returns `connect`: the value applied stands.
    if (previous?.connect !== undefined) view.inputs.connect = previous.connect;
    return view;
  },
  async create(ctx, _inputs, params, state) {
    const created: RemoteObject = await ctx.api.create(params as FormParams);
    if (typeof created.secret === "string") state.secret = created.secret;
    return created;
  },
  // https://docs.stripe.com/api/webhook_endpoints/delete: the endpoint is deleted.
  async delete(ctx, id) {
    await ctx.api.remove(id);
  },
});
