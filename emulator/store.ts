/**
 * Stored objects, kept apart per mode (test/live) and per Connect account, in creation order.
 */

export type StripeObject = Record<string, unknown> & { id: string; object: string; created?: number };

export interface Scope {
  livemode: boolean;
  /** The `Stripe-Account` header, or undefined for the platform account. */
  account?: string;
}

export function scopeKey(scope: Scope): string {
  return `${scope.livemode ? "live" : "test"}:${scope.account ?? "self"}`;
}

export class Store {
  private readonly scopes = new Map<string, Map<string, StripeObject>>();
  /** Which scope holds an id, for the control surface (out-of-band changes). */
  private readonly where = new Map<string, string>();

  private objectsOf(scope: Scope): Map<string, StripeObject> {
    const key = scopeKey(scope);
    let objects = this.scopes.get(key);
    if (!objects) {
      objects = new Map();
      this.scopes.set(key, objects);
    }
    return objects;
  }

  insert(scope: Scope, object: StripeObject): StripeObject {
    this.objectsOf(scope).set(object.id, object);
    this.where.set(object.id, scopeKey(scope));
    return object;
  }

  get(scope: Scope, id: string, object?: string): StripeObject | undefined {
    const found = this.objectsOf(scope).get(id);
    return found && (object === undefined || found.object === object) ? found : undefined;
  }

  /** Objects of one kind, newest first. */
  all(scope: Scope, object: string): StripeObject[] {
    return [...this.objectsOf(scope).values()].filter((o) => o.object === object).reverse();
  }

  /** Any scope: for the control surface. */
  find(id: string): StripeObject | undefined {
    const key = this.where.get(id);
    return key ? this.scopes.get(key)?.get(id) : undefined;
  }

  /**
   * Removes the object `id` of `scope`, or without one, of the scope `find` names (the control
   * surface). A chosen id (a coupon's `launch`) may be held in test and live mode at once:
   * removing one leaves the other, which `find` then names.
   */
  remove(id: string, scope?: Scope): boolean {
    const key = scope ? scopeKey(scope) : this.where.get(id);
    if (!key || !this.scopes.get(key)?.delete(id)) return false;
    if (this.where.get(id) === key) {
      const other = [...this.scopes].find(([, objects]) => objects.has(id));
      if (other) this.where.set(id, other[0]);
      else this.where.delete(id);
    }
    return true;
  }

  clear(): void {
    this.scopes.clear();
    this.where.clear();
  }
}
