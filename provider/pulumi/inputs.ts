import type * as pulumi from "@pulumi/pulumi";

/** A plain input type with `pulumi.Input` allowed at every level, as Pulumi programs pass them. */
export type DeepInput<T> = T extends string | number | boolean | null | undefined
  ? pulumi.Input<T>
  : T extends readonly (infer U)[]
    ? pulumi.Input<DeepInput<U>[]>
    : T extends object
      ? pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>
      : pulumi.Input<T>;

/** The args of a resource: each input may be a `pulumi.Input`, at any depth. */
export type ResourceArgs<T> = { [K in keyof T]: DeepInput<T[K]> };
