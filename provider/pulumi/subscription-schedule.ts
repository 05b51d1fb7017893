import type * as pulumi from "@pulumi/pulumi";
import { subscriptionSchedule, type SubscriptionScheduleInputs } from "../resources/subscription-schedule";
import { StripeBillingResource } from "./base";
import type { ResourceArgs } from "./inputs";

export type SubscriptionScheduleArgs = ResourceArgs<SubscriptionScheduleInputs>;

/**
 * A subscription schedule: a customer's subscription planned as phases. `customer`,
 * `startDate` and `billingMode` replace it — refused at preview for an active schedule unless
 * `allowReplaceActive` is true. Phases update in place; ended phases cannot change. Destroy
 * releases the schedule (the customer keeps the subscription) unless `deletePolicy` is
 * `"cancel"`.
 *
 * @example
 * new SubscriptionSchedule("upgrade", {
 *   customer: customerId,
 *   phases: [
 *     { items: [{ price: starterPriceId }], duration: { interval: "month", intervalCount: 3 } },
 *     { items: [{ price: proPriceId }] },
 *   ],
 * });
 */
export class SubscriptionSchedule extends StripeBillingResource {
  declare readonly customer: pulumi.Output<string>;
  declare readonly startDate: pulumi.Output<"now" | number>;
  declare readonly endBehavior: pulumi.Output<"release" | "cancel" | "none" | "renew">;
  declare readonly phases: pulumi.Output<Record<string, unknown>[]>;
  declare readonly metadata: pulumi.Output<Record<string, string> | undefined>;
  declare readonly deletePolicy: pulumi.Output<"release" | "cancel">;
  /** `not_started`, `active`, `completed`, `released` or `canceled`. */
  declare readonly status: pulumi.Output<string>;
  declare readonly currentPhase: pulumi.Output<{ startDate: number; endDate: number } | undefined>;
  /** The subscription the schedule manages, once it has started. */
  declare readonly subscription: pulumi.Output<string | undefined>;
  declare readonly releasedSubscription: pulumi.Output<string | undefined>;
  /** Each phase's start and end, as Stripe resolved them. */
  declare readonly phaseDates: pulumi.Output<{ startDate: number; endDate: number }[]>;
  declare readonly created: pulumi.Output<number>;

  constructor(name: string, args: SubscriptionScheduleArgs, opts?: pulumi.CustomResourceOptions) {
    super(subscriptionSchedule, name, args, opts);
  }
}
