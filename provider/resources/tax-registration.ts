/**
 * TaxRegistration — where the business collects tax, for Stripe Tax.
 */
import type Stripe from "stripe";
import { z } from "zod";
import { StripeApiError } from "../errors";
import { camelCase } from "../engine/casing";
import { commonInputs, createdOutput, livemodeOutput } from "../engine/common";
import { declareResource, once } from "../engine/declaration";
import { defaultView } from "../engine/view";
import type { PlainObject } from "../engine/values";
import { countrySchema, momentSchema } from "./common";
import {
  CA_TYPES,
  EU_COUNTRIES,
  EU_TYPES,
  EU_PLACE_OF_SUPPLY,
  STANDARD_COUNTRIES,
  STANDARD_PLACE_OF_SUPPLY,
  US_ELECTIONS,
  US_JURISDICTION_TYPES,
  US_TYPES,
  typesFor,
} from "./tax-countries";

type CamelCase<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;
type JurisdictionKey = CamelCase<(typeof US_JURISDICTION_TYPES)[number]>;

/** Every registration type Stripe Tax offers somewhere; which ones a country allows is checked below. */
const REGISTRATION_TYPES = [...EU_TYPES, ...CA_TYPES, ...US_TYPES, "simplified"] as const;

/** US local-tax registrations name their jurisdiction under the type's own key. */
function jurisdictions() {
  const jurisdiction = z
    .strictObject({ jurisdiction: z.string().min(1).describe("The jurisdiction's name or code.") })
    .optional()
    .describe("United States: the jurisdiction of a local-tax registration of this type.");
  return Object.fromEntries(US_JURISDICTION_TYPES.map((t) => [camelCase(t), jurisdiction])) as Record<
    JurisdictionKey,
    typeof jurisdiction
  >;
}

function countryOptionSchema() {
  return z
    .strictObject({
      type: z
        .enum(REGISTRATION_TYPES)
        .describe(
          "The kind of registration, e.g. `standard`, `oss_union`, `simplified` or `state_sales_tax`; which kinds a country allows follows Stripe Tax's list.",
        ),
      standard: z
        .strictObject({
          placeOfSupplyScheme: z
            .string()
            .optional()
            .describe("EU and standard countries: `standard`, `small_seller` or `inbound_goods`."),
        })
        .optional()
        .describe("Options of a `standard` registration."),
      state: z
        .string()
        .regex(/^[A-Za-z]{2}$/, "must be a two-letter state code")
        .transform((s) => s.toUpperCase())
        .optional()
        .describe("United States: the two-letter state code, e.g. `CA`."),
      stateSalesTax: z
        .strictObject({
          elections: z
            .array(
              z.strictObject({
                type: z.enum(US_ELECTIONS).describe("The election made with the state."),
                jurisdiction: z.string().optional().describe("The jurisdiction the election applies to."),
              }),
            )
            .describe("Elections made with the state, e.g. `simplified_sellers_use_tax`."),
        })
        .optional()
        .describe("United States: options of a `state_sales_tax` registration."),
      provinceStandard: z
        .strictObject({ province: z.string().min(2).describe("The province's code, e.g. `BC`.") })
        .optional()
        .describe("Canada: the province of a `province_standard` registration."),
      ...jurisdictions(),
    })
    .describe("The registration in one country.");
}

export function taxRegistrationSchema() {
  return z
    .strictObject({
      country: countrySchema().describe("Two-letter ISO code of the country of registration, e.g. `IE`."),
      countryOptions: z
        .record(z.string(), countryOptionSchema())
        .describe(
          "Exactly one key, the country's code in lower case (e.g. `ie`), with the registration's kind.",
        ),
      activeFrom: momentSchema()
        .default("now")
        .describe('When the registration starts: `"now"` (the default) or a unix timestamp in seconds.'),
      expiresAt: momentSchema()
        .optional()
        .describe('When it ends: `"now"`, a unix timestamp in seconds, or left out for never.'),
      deletePolicy: z
        .enum(["expire", "keep"])
        .default("expire")
        .describe("What destroy does: `expire` the registration now (the default), or `keep` it."),
      ...commonInputs(),
    })
    .superRefine((inputs, ctx) => {
      // https://docs.stripe.com/api/tax/registrations/create#create_tax_registration-expires_at
      // A registration stops being active at expires_at: it must come after active_from.
      const { activeFrom, expiresAt } = inputs;
      if (typeof expiresAt === "number" && typeof activeFrom === "number" && expiresAt <= activeFrom) {
        ctx.addIssue({
          code: "custom",
          path: ["expiresAt"],
          message: `must be after activeFrom (${activeFrom}): a registration cannot end before it starts`,
        });
      }
      if (expiresAt === "now" && typeof activeFrom === "number" && activeFrom > Date.now() / 1000) {
        ctx.addIssue({
          code: "custom",
          path: ["expiresAt"],
          message: `cannot be "now" while activeFrom (${activeFrom}) is in the future: a registration cannot end before it starts`,
        });
      }
      const key = inputs.country.toLowerCase();
      const keys = Object.keys(inputs.countryOptions);
      if (keys.length !== 1 || keys[0] !== key) {
        ctx.addIssue({
          code: "custom",
          path: ["countryOptions"],
          message: `must have exactly one key, "${key}" (the country), not ${keys.map((k) => `"${k}"`).join(", ") || "none"}`,
        });
        return;
      }
      for (const problem of optionProblems(key, inputs.countryOptions[key])) {
        ctx.addIssue({
          code: "custom",
          path: ["countryOptions", key, ...problem.path],
          message: problem.message,
        });
      }
    });
}

type Option = z.output<ReturnType<typeof countryOptionSchema>>;

/** The per-country rules Stripe applies to `country_options`. */
function optionProblems(country: string, option: Option): { path: string[]; message: string }[] {
  const types = typesFor(country);
  if (!types) return [{ path: [], message: `Stripe Tax has no registrations for country "${country}"` }];
  const problems: { path: string[]; message: string }[] = [];
  if (!types.includes(option.type)) {
    problems.push({
      path: ["type"],
      message: `must be one of ${types.join(", ")} for ${country.toUpperCase()}`,
    });
  }
  const scheme = option.standard?.placeOfSupplyScheme;
  const schemes: readonly string[] = EU_COUNTRIES.includes(country)
    ? EU_PLACE_OF_SUPPLY
    : STANDARD_COUNTRIES.includes(country)
      ? STANDARD_PLACE_OF_SUPPLY
      : [];
  if (option.standard && schemes.length === 0) {
    problems.push({ path: ["standard"], message: `is not available for ${country.toUpperCase()}` });
  } else if (option.standard && option.type !== "standard") {
    problems.push({ path: ["standard"], message: `only goes with type "standard"` });
  } else if (scheme !== undefined && !schemes.includes(scheme)) {
    problems.push({
      path: ["standard", "placeOfSupplyScheme"],
      message: `must be one of ${schemes.join(", ")}`,
    });
  } else if (EU_COUNTRIES.includes(country) && option.standard && scheme === undefined) {
    problems.push({ path: ["standard", "placeOfSupplyScheme"], message: "is required in the EU" });
  }
  if (country === "us") {
    if (!option.state) problems.push({ path: ["state"], message: "is required for US registrations" });
    const own = camelCase(option.type);
    if ((US_JURISDICTION_TYPES as readonly string[]).includes(option.type) && !(option as PlainObject)[own]) {
      problems.push({ path: [own], message: `is required for type ${option.type} (its jurisdiction)` });
    }
  } else {
    for (const key of ["state", "stateSalesTax", ...US_JURISDICTION_TYPES.map(camelCase)]) {
      if ((option as PlainObject)[key] !== undefined)
        problems.push({ path: [key], message: "is only for US registrations" });
    }
  }
  if (country === "ca") {
    if (option.type === "province_standard" && !option.provinceStandard) {
      problems.push({ path: ["provinceStandard"], message: "is required for type province_standard" });
    }
  } else if (option.provinceStandard) {
    problems.push({ path: ["provinceStandard"], message: "is only for Canadian registrations" });
  }
  return problems;
}

/** Stripe answers `"now"` with the time it resolved to; keep `"now"` while that still holds. */
function resolvedMoment(
  previous: unknown,
  stripeValue: unknown,
  created: unknown,
  slackSeconds: number,
): "now" | number | undefined {
  if (previous === "now" && typeof stripeValue === "number" && typeof created === "number") {
    return stripeValue <= created + slackSeconds ? "now" : stripeValue;
  }
  return typeof stripeValue === "number" ? stripeValue : undefined;
}

const schema = once(taxRegistrationSchema);
const MAPS = ["countryOptions"] as const;

export const taxRegistration = declareResource({
  type: "TaxRegistration",
  stripeObject: "tax.registration",
  path: "/v1/tax/registrations",
  identity: {
    name(_object, inputs) {
      const options = Object.values((inputs.countryOptions ?? {}) as PlainObject)[0] as
        PlainObject | undefined;
      const province = (options?.provinceStandard as PlainObject | undefined)?.province;
      return [inputs.country, options?.state, province, options?.type]
        .filter((p) => p !== undefined)
        .join("-");
    },
  },
  export: {
    lists: [{ status: "active" }, { status: "scheduled" }],
    // Started "now" reads back as the default; a start still ahead stays a timestamp.
    prepare: () => ({ previous: { activeFrom: "now" } }),
    note: (object, inputs) =>
      typeof inputs.activeFrom === "number" && object.status === "active"
        ? {
            path: ["activeFrom"],
            message:
              'started at a time of its own, already past: Stripe takes only "now" or a future time for a new registration, so another account needs this value changed.',
          }
        : undefined,
  },
  words: {
    noun: "Tax registration",
    label: "country",
    destroyed: (inputs) => (inputs.deletePolicy === "keep" ? "kept as it is" : "expired now"),
  },
  schema,
  computed: () =>
    z.object({
      status: z
        .enum(["active", "scheduled", "expired"])
        .describe("`active`, `scheduled` (starts later) or `expired`."),
      livemode: livemodeOutput(),
      created: createdOutput(),
    }),
  createOnly: ["country", "countryOptions"],
  maps: MAPS,
  local: ["deletePolicy"],
  deleteBeforeReplace: true,
  fromStripe(remote, previous = {}) {
    const object = remote as Stripe.Tax.Registration;
    const result = defaultView(remote, {
      schema: schema(),
      computed: ["status", "livemode", "created"],
      maps: MAPS,
    });
    const activeFrom = resolvedMoment(previous.activeFrom, object.active_from, object.created, 5);
    const expiresAt =
      previous.expiresAt === "now" && typeof object.expires_at === "number"
        ? "now"
        : (object.expires_at ?? undefined);
    result.inputs = { ...result.inputs, activeFrom, expiresAt };
    return result;
  },
  async delete(ctx, id, outputs) {
    if (outputs.deletePolicy === "keep") return;
    const current = await ctx.api.retrieve(id);
    if (current.status === "expired") return;
    try {
      await ctx.api.update(id, { expires_at: "now" });
    } catch (err) {
      // Stripe refuses to expire a registration in the same second it became active;
      // a moment later the same request is valid.
      if (!(err instanceof StripeApiError) || err.param !== "expires_at") throw err;
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await ctx.api.update(id, { expires_at: "now" });
    }
  },
});
