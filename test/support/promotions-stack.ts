/**
 * `pulumi up` of a promotion in a process of its own, so a test can kill it midway: a coupon
 * with an id Stripe generates, a promotion code redeeming it, and a webhook endpoint (whose
 * signing secret Stripe returns in the create response only). Settings come from the
 * environment: PROMOTIONS_ROOT (the stack's folder), PROMOTIONS_API_BASE.
 */
import { Coupon, PromotionCode, WebhookEndpoint } from "../../provider";
import { upAndExit } from "./processes";
import { emulatorStack } from "./rates-stack";

export const PROMOTIONS_KEY = "sk_test_promotionscrash00";

export const PROMOTION_CODE = "LAUNCH20";
export const WEBHOOK_URL = "https://example.com/stripe/webhooks";

export function promotionsProgram() {
  return async () => {
    // No couponId: only the idempotency key tells a second create of it from a new coupon.
    const coupon = new Coupon("launch", { percentOff: 20, duration: "once", name: "Launch" });
    const code = new PromotionCode("launch20", { code: PROMOTION_CODE, promotion: { coupon: coupon.id } });
    const hook = new WebhookEndpoint("billing-events", {
      url: WEBHOOK_URL,
      enabledEvents: ["invoice.paid", "customer.subscription.updated"],
    });
    return { coupon: coupon.id, promotionCode: code.id, webhook: hook.id };
  };
}

export async function openPromotionsStack(root: string, apiBase: string) {
  return emulatorStack("promotions", root, promotionsProgram(), apiBase, PROMOTIONS_KEY);
}

if (require.main === module) {
  const env = process.env;
  upAndExit(openPromotionsStack(String(env.PROMOTIONS_ROOT), String(env.PROMOTIONS_API_BASE)));
}
