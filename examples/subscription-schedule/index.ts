import * as pulumi from "@pulumi/pulumi";
import { SubscriptionSchedule } from "pulumi-stripe-billing";

// A customer's upgrade path: three months on Starter, then Pro for two seats. The customer and
// prices come from stack config (`customer`, `starterPrice`, `proPrice`).
//
// Destroy releases the schedule: the customer keeps the subscription. Changing `customer`,
// `startDate` or `billingMode` would replace the schedule, which is refused at preview while it
// is active unless `allowReplaceActive` is set.
const config = new pulumi.Config();

const upgrade = new SubscriptionSchedule("upgrade-path", {
  customer: config.require("customer"),
  phases: [
    {
      items: [{ price: config.require("starterPrice") }],
      duration: { interval: "month", intervalCount: 3 },
    },
    { items: [{ price: config.require("proPrice"), quantity: config.getNumber("proSeats") ?? 2 }] },
  ],
  metadata: { plan: "upgrade-path" },
});

export const scheduleId = upgrade.id;
export const status = upgrade.status;
export const subscription = upgrade.subscription;
export const phaseDates = upgrade.phaseDates;
