import type * as pulumi from "@pulumi/pulumi";

/** A plain input type with `pulumi.Input` allowed at every level, as Pulumi programs pass them. */
export type DeepInput<T> = T extends string | number | boolean | null | undefined
  ? pulumi.Input<T>
  : T extends readonly (infer U)[]
    ? pulumi.Input<DeepInput<U>[]>
    : T extends object
      ? pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>
      : pulumi.Input<T>;

/** The args of a resource: each top-level input may be a `pulumi.Input`. */
export type ResourceArgs<T> = { [K in keyof T]: DeepInput<T[K]> };

/** Output properties of a resource. */
export type ResourceOutputs<T> = { readonly [K in keyof T]-?: pulumi.Output<T[K]> };

/** Declares each output key as undefined so Pulumi registers it as an output property. */
export function withOutputs<A extends object>(
  args: A,
  outputKeys: readonly string[],
): Record<string, unknown> {
  const props: Record<string, unknown> = { ...(args as Record<string, unknown>) };
  for (const key of outputKeys) if (!(key in props)) props[key] = undefined;
  return props;
}
