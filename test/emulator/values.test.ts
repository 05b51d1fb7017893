/**
 * Responses hold Stripe's values, not only its keys: enum values the SDK's types list, `null`
 * only where nullable, integers where the types say integer, decimal strings, and the documented
 * rules the types cannot say. The suite's own check (test/emulator/support.ts) runs
 * `shapeViolations` after every test; here each value rule is shown to catch a wrong response,
 * and the emulator's answers that once broke one are pinned.
 */
import { shapeViolations } from "../../emulator/shapes";
import { catalog, raw, useEmulatorWithSdk } from "./support";

const t = useEmulatorWithSdk();

/** An object as it came over the wire: the SDK parses decimal strings into `Decimal`s. */
const wire = (value: unknown): any => JSON.parse(JSON.stringify(value));

/** A form request to the emulator, its JSON answer (decimals as Stripe sends them). */
async function post(path: string, body: string): Promise<any> {
  const res = await raw(t.url, "POST", path, body);
  expect(res.status).toBe(200);
  return res.json;
}

describe("emulator responses hold Stripe's values", () => {
  it("a phase's invoice item sent without `period` covers the items' shared period", async () => {
    const { price, customer } = await catalog(t.sdk);
    const schedule = await t.sdk.subscriptionSchedules.create({
      customer: customer.id,
      phases: [{ items: [{ price: price.id }], add_invoice_items: [{ price: price.id }] }],
    });
    // https://docs.stripe.com/api/subscription_schedules/object (phases.add_invoice_items.period)
    expect(schedule.phases[0].add_invoice_items[0].period).toEqual({
      start: { type: "max_item_period_start" },
      end: { type: "min_item_period_end" },
    });
    expect(shapeViolations(wire(schedule))).toEqual([]);
    // The value the emulator once returned is one the SDK's type does not have.
    const invented = wire(schedule);
    invented.phases[0].add_invoice_items[0].period.end = { type: "subscription_period_end" };
    expect(shapeViolations(invented)).toEqual([
      '.phases[0].add_invoice_items[0].period.end.type: expected one of min_item_period_end|phase_end|timestamp (open enum), got "subscription_period_end"',
    ]);
  });

  it("a fractional-cent price reports `unit_amount` null and the decimal as sent", async () => {
    const { product } = await catalog(t.sdk);
    const fractional = await post(
      "/v1/prices",
      `product=${product.id}&currency=usd&unit_amount_decimal=12.5`,
    );
    // https://docs.stripe.com/api/prices/object#price_object-unit_amount
    expect(fractional).toMatchObject({ unit_amount: null, unit_amount_decimal: "12.5" });
    const whole = await post("/v1/prices", `product=${product.id}&currency=usd&unit_amount_decimal=1250`);
    expect(whole).toMatchObject({ unit_amount: 1250, unit_amount_decimal: "1250" });
    expect(shapeViolations(fractional)).toEqual([]);
    // The value the emulator once returned: the decimal as the integer.
    expect(shapeViolations({ ...fractional, unit_amount: 12.5 })).toEqual([
      ".unit_amount: expected an integer, got 12.5",
    ]);
  });

  it("a currency option's new amount replaces its decimal too", async () => {
    const { product } = await catalog(t.sdk);
    const price = await t.sdk.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 500,
      currency_options: { eur: { unit_amount: 450 } },
    });
    const expand = "expand[0]=currency_options";
    const fractional = await post(
      `/v1/prices/${price.id}`,
      `currency_options[eur][unit_amount_decimal]=400.25&${expand}`,
    );
    expect(fractional.currency_options.eur).toMatchObject({
      unit_amount: null,
      unit_amount_decimal: "400.25",
    });
    const whole = await post(`/v1/prices/${price.id}`, `currency_options[eur][unit_amount]=400&${expand}`);
    expect(whole.currency_options.eur).toMatchObject({ unit_amount: 400, unit_amount_decimal: "400" });
  });

  it("tiers carry each amount with its decimal", async () => {
    const { product } = await catalog(t.sdk);
    const price = await post(
      "/v1/prices",
      [
        `product=${product.id}&currency=usd&billing_scheme=tiered&tiers_mode=graduated`,
        "recurring[interval]=month&expand[0]=tiers",
        "tiers[0][up_to]=10&tiers[0][unit_amount_decimal]=0.5",
        "tiers[1][up_to]=inf&tiers[1][flat_amount]=100&tiers[1][unit_amount]=1",
      ].join("&"),
    );
    expect(price.tiers).toEqual([
      {
        flat_amount: null,
        flat_amount_decimal: null,
        unit_amount: null,
        unit_amount_decimal: "0.5",
        up_to: 10,
      },
      { flat_amount: 100, flat_amount_decimal: "100", unit_amount: 1, unit_amount_decimal: "1", up_to: null },
    ]);
  });
});

describe("shapeViolations: values", () => {
  /** A response as the emulator returns it, to break one value at a time. */
  async function fresh() {
    const { price, customer } = await catalog(t.sdk);
    const rate = await t.sdk.shippingRates.create({
      display_name: "Ground",
      fixed_amount: { amount: 500, currency: "usd" },
    });
    const schedule = await t.sdk.subscriptionSchedules.create({
      customer: customer.id,
      phases: [{ items: [{ price: price.id }] }],
    });
    return { price: wire(price), rate: wire(rate), schedule: wire(schedule) };
  }

  it("holds closed enums exactly, and open ones to the pinned version's values unless told not to", async () => {
    const { rate, schedule } = await fresh();
    // `type: 'fixed_amount'` has no `OtherString`: closed.
    expect(shapeViolations({ ...rate, type: "per_kilo" })).toEqual([
      '.type: expected one of fixed_amount (closed enum), got "per_kilo"',
    ]);
    expect(shapeViolations({ ...rate, type: "per_kilo" }, { openEnums: "any" })).toHaveLength(1);
    const open = { ...schedule, end_behavior: "vanish" };
    expect(shapeViolations(open)).toEqual([
      '.end_behavior: expected one of cancel|none|release|renew (open enum), got "vanish"',
    ]);
    expect(shapeViolations(open, { openEnums: "any" })).toEqual([]);
    expect(shapeViolations({ ...schedule, end_behavior: 3 }, { openEnums: "any" })).toHaveLength(1);
  });

  it("holds kinds: nulls, integers, numbers, decimal strings, booleans, objects, arrays, maps", async () => {
    const { price, rate, schedule } = await fresh();
    expect(shapeViolations({ ...price, livemode: null })).toEqual([".livemode: null, but not nullable"]);
    expect(shapeViolations({ ...price, livemode: "false" })).toEqual([
      '.livemode: expected a boolean, got "false"',
    ]);
    expect(shapeViolations({ ...rate, created: 1.5 })).toEqual([".created: expected an integer, got 1.5"]);
    expect(shapeViolations({ ...price, unit_amount: 3000, unit_amount_decimal: "30 dollars" })).toEqual([
      '.unit_amount_decimal: expected a decimal string, got "30 dollars"',
      ".unit_amount: 3000, but unit_amount_decimal 30 dollars makes it null",
    ]);
    expect(shapeViolations({ ...price, metadata: ["a"] })).toEqual([".metadata: expected a map"]);
    expect(shapeViolations({ ...price, recurring: "monthly" })).toEqual([".recurring: expected an object"]);
    expect(shapeViolations({ ...schedule, phases: {} })).toEqual([".phases: expected an array"]);
    const phase = { ...schedule.phases[0], application_fee_percent: "5" };
    expect(shapeViolations({ ...schedule, phases: [phase] })).toEqual([
      '.phases[0].application_fee_percent: expected a number, got "5"',
    ]);
  });

  it("holds the documented rules the types cannot say, wherever the object is embedded", async () => {
    const { price } = await fresh();
    // https://docs.stripe.com/api/prices/object#price_object-unit_amount
    expect(shapeViolations({ ...price, unit_amount: 2999 })).toEqual([
      ".unit_amount: 2999, but unit_amount_decimal 3000 makes it 3000",
    ]);
    expect(shapeViolations({ ...price, unit_amount: null, unit_amount_decimal: "12.5" })).toEqual([]);
    expect(shapeViolations({ ...price, unit_amount_decimal: null })).toEqual([
      ".unit_amount: set while unit_amount_decimal is null",
    ]);
    expect(shapeViolations({ ...price, unit_amount: null, unit_amount_decimal: "1.0000000000001" })).toEqual([
      ".unit_amount_decimal: more than 12 decimal places in 1.0000000000001",
    ]);
    // https://docs.stripe.com/api/prices/object#price_object-type
    expect(shapeViolations({ ...price, type: "one_time" })).toEqual([
      ".type: one_time, but recurring is set",
    ]);
    expect(shapeViolations({ ...price, billing_scheme: "tiered" })).toEqual([
      ".unit_amount: set on a tiered price",
    ]);
    const withOptions = {
      ...price,
      currency_options: {
        usd: {
          custom_unit_amount: null,
          tax_behavior: "unspecified",
          unit_amount: 1,
          unit_amount_decimal: "2",
        },
      },
    };
    expect(shapeViolations(withOptions)).toEqual([
      ".currency_options[usd].unit_amount: 1, but unit_amount_decimal 2 makes it 2",
    ]);
    // A subscription embeds its items' prices and plans: the rules hold there too.
    const subscription = wire(
      await t.sdk.subscriptions.retrieve(
        (await t.sdk.subscriptionSchedules.list()).data[0].subscription as string,
      ),
    );
    expect(shapeViolations(subscription)).toEqual([]);
    subscription.items.data[0].plan.amount = 1;
    subscription.items.data[0].price.unit_amount = 12.5;
    expect(shapeViolations(subscription)).toEqual([
      ".items.data[0].plan.amount: 1, but amount_decimal 3000 makes it 3000",
      ".items.data[0].price.unit_amount: expected an integer, got 12.5",
    ]);
  });
});
