import * as pulumi from "@pulumi/pulumi";
import { BillingSetup, loadBillingSpec } from "pulumi-stripe-billing";

// billing.yaml, plus billing.<stack>.yaml when there is one (billing.live.yaml for `live`).
export const ids = new BillingSetup("billing", {
  spec: loadBillingSpec("billing.yaml", { environment: pulumi.getStack() }),
}).ids;
