// A Pulumi Go program on the generated Go SDK, built by scripts/go-sdk.sh (not run): a shipping
// rate by itself, and the BillingSetup component reading a YAML billing spec.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"pulumi-stripe-billing/sdk/go/stripebilling"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		ground, err := stripebilling.NewShippingRate(ctx, "ground", &stripebilling.ShippingRateArgs{
			DisplayName: pulumi.String("Ground"),
			FixedAmount: &stripebilling.ShippingRateFixedAmountArgs{
				Amount:   pulumi.Int(500),
				Currency: pulumi.String("usd"),
			},
		})
		if err != nil {
			return err
		}
		billing, err := stripebilling.NewBillingSetup(ctx, "billing", &stripebilling.BillingSetupArgs{
			SpecFile:    pulumi.String("billing.yaml"),
			Environment: pulumi.String(ctx.Stack()),
		})
		if err != nil {
			return err
		}
		ctx.Export("groundId", ground.ID())
		ctx.Export("ids", billing.Ids)
		return nil
	})
}
