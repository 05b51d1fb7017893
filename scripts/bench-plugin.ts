/**
 * The provider plugin's column of the real-engine bench (./bench-engine): the same shipping
 * rates declared as plain custom resources of type `stripe-billing:index:ShippingRate`, as a
 * program in any language declares them, served by `pulumi-resource-stripe-billing`, which the
 * CLI finds on PATH (and says so in a warning).
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { PluginProvider } from "../provider/plugin/resource-provider";
import type { FrontEnd } from "./bench-engine";
import { pluginBin, pulumiBin } from "./local-stack";

const SHIPPING_RATE = "stripe-billing:index:ShippingRate";

/** A shipping rate by type token alone: no class of this package, no serialized provider. */
class PluginShippingRate extends pulumi.CustomResource {
  constructor(name: string, props: pulumi.Inputs) {
    super(SHIPPING_RATE, name, props);
  }
}

export function pluginFrontEnd(): FrontEnd {
  const launcherDir = pluginBin();
  const main = path.join("dist", "provider", "plugin", "main.js");
  return {
    name: "plugin",
    declare: (name, props) => new PluginShippingRate(name, props),
    // The Automation API's own PATH entry for the CLI is replaced by this one, so it comes first again.
    env: { PATH: [pulumiBin(), launcherDir, process.env.PATH ?? ""].join(path.delimiter) },
    isProviderProcess: (cmdline) => cmdline.includes(main),
    launcher: path.join(launcherDir, "pulumi-resource-stripe-billing"),
    async checkAndDiff(settings, rates) {
      const front = new PluginProvider({ env: {} });
      front.configure({ ...settings });
      let changed = 0;
      for (const rate of rates) {
        const { inputs } = await front.check(rate.urn, rate.inputs, rate.inputs);
        if ((await front.diff(rate.urn, rate.id, rate.outputs, inputs)).changes) changed++;
      }
      return changed;
    },
  };
}
