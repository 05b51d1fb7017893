import type * as pulumi from "@pulumi/pulumi";
import { product, type ProductInputs, type ProductState } from "../resources/product";
import { StripeBillingResource } from "./base";
import type { ResourceArgs } from "./inputs";

export type ProductArgs = ResourceArgs<ProductInputs>;

/**
 * A Stripe product. `productId` (a custom id such as `pro`, the same in every account)
 * replaces it; every other input updates in place. Destroy deletes it when no price uses it,
 * and otherwise archives it (`active: false`), saying which it did.
 *
 * @example
 * const pro = new Product("pro", { productId: "pro", name: "Pro" });
 */
export class Product extends StripeBillingResource {
  declare readonly productId: pulumi.Output<string | undefined>;
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly active: pulumi.Output<boolean>;
  declare readonly images: pulumi.Output<string[]>;
  declare readonly marketingFeatures: pulumi.Output<ProductState["marketingFeatures"]>;
  declare readonly packageDimensions: pulumi.Output<ProductState["packageDimensions"]>;
  declare readonly shippable: pulumi.Output<boolean | undefined>;
  declare readonly statementDescriptor: pulumi.Output<string | undefined>;
  declare readonly taxCode: pulumi.Output<string | undefined>;
  declare readonly unitLabel: pulumi.Output<string | undefined>;
  declare readonly url: pulumi.Output<string | undefined>;
  declare readonly metadata: pulumi.Output<Record<string, string> | undefined>;
  /** The product's default price (`price_…`), as Stripe holds it; set by `Price.productDefault`. */
  declare readonly defaultPrice: pulumi.Output<string | undefined>;
  declare readonly created: pulumi.Output<number>;
  declare readonly updated: pulumi.Output<number>;

  constructor(name: string, args: ProductArgs, opts?: pulumi.CustomResourceOptions) {
    super(product, name, args, opts);
  }
}
