/**
 * The contract case of Meter (see ../contract.ts), as data: its test file runs the contract
 * from it, and the fault and provider-host suites run the resource from it.
 */
import { meter } from "../../../provider/resources/meter";
import type { ResourceCase } from "../contract";

export const create = {
  eventName: "api_call",
  displayName: "API calls",
  defaultAggregation: { formula: "sum" },
  valueSettings: { eventPayloadKey: "calls" },
};

export const contract: ResourceCase = {
  decl: meter,
  make: () => ({
    create,
    update: {
      inputs: { ...create, displayName: "API requests" },
      expect(object) {
        expect(object.display_name).toBe("API requests");
      },
    },
    // A new event name is a new meter.
    replace: {
      inputs: { ...create, eventName: "api_request", defaultAggregation: { formula: "count" } },
      replaces: ["eventName", "defaultAggregation"],
    },
    afterDelete(object) {
      expect(object?.status).toBe("inactive");
    },
    drift: { patch: { display_name: "Renamed in the Dashboard" } },
    // Left out, Stripe's default value settings apply: another meter, which cannot have the
    // event name the old meter keeps.
    removeNested: {
      from: create,
      to: { ...create, valueSettings: undefined },
      plan: { fails: /valueSettings cannot change while eventName stays "api_call"/ },
    },
    editNested: {
      from: create,
      to: { ...create, customerMapping: { eventPayloadKey: "customer" } },
      plan: { fails: /customerMapping cannot change while eventName stays/ },
    },
  }),
  absent: { removeMapEntry: "a meter has no map (no metadata)" },
};
