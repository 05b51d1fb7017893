import * as pulumi from "@pulumi/pulumi";
import { BillingSetup, loadBillingSpec, type WebhookEndpoint } from "pulumi-stripe-billing";

// billing.yaml, plus billing.<stack>.yaml when there is one (billing.live.yaml for `live`).
const setup = new BillingSetup("billing", {
  spec: loadBillingSpec("billing.yaml", { environment: pulumi.getStack() }),
});
export const ids = setup.ids;
// Stripe returns the signing secret once, when it creates the endpoint: a secret output,
// encrypted in state (`pulumi stack output --show-secrets webhookSigningSecret`).
const webhook = setup.resources.webhookEndpoints?.["billing-events"] as WebhookEndpoint;
export const webhookSigningSecret = webhook.secret;
