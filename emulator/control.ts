/**
 * The control surface for out-of-process tests (the end-to-end suite runs the emulator as a
 * separate process): JSON endpoints under `/_emulator/`, unauthenticated and not logged.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emulator } from "./index";
import type { Fault } from "./faults";

type FaultJson = Omit<Fault, "path"> & { path?: string | { regex: string } };

export function handleControl(
  emulator: Emulator,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
): void {
  const url = new URL(req.url ?? "/", "http://emulator");
  const method = req.method ?? "GET";
  const route = url.pathname.replace(/^\/_emulator/, "");
  const json = (status: number, value: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(value));
  };
  const input = () => (body ? JSON.parse(body) : {});
  try {
    if (method === "GET" && route === "/requests") {
      const path = url.searchParams.get("path") ?? undefined;
      return json(200, emulator.requests({ method: url.searchParams.get("method") ?? undefined, path }));
    }
    if (method === "POST" && route === "/faults") {
      const faults = ([] as FaultJson[]).concat(input());
      for (const f of faults) {
        const path = typeof f.path === "object" ? new RegExp(f.path.regex) : f.path;
        emulator.inject({ ...f, path } as Fault);
      }
      return json(200, { injected: faults.length });
    }
    if (method === "DELETE" && route === "/faults") {
      emulator.clearFaults();
      return json(200, {});
    }
    if (method === "POST" && route === "/reset") {
      emulator.reset();
      return json(200, {});
    }
    if (method === "POST" && route === "/rate-limit") {
      emulator.setRateLimit(input().perSecond ?? undefined);
      return json(200, {});
    }
    if (method === "POST" && route === "/clock") {
      const { advance, set } = input();
      if (typeof set === "number") emulator.clock.set(set);
      if (typeof advance === "number") emulator.clock.advance(advance);
      return json(200, { now: emulator.clock.now() });
    }
    const object = /^\/objects\/([^/]+)$/.exec(route);
    if (object) {
      const id = decodeURIComponent(object[1]);
      if (method === "GET") {
        const found = emulator.objects.get(id);
        return found ? json(200, found) : json(404, { error: `no object ${id}` });
      }
      if (method === "DELETE") return json(emulator.objects.remove(id) ? 200 : 404, {});
      if (method === "POST") {
        emulator.objects.patch(id, input());
        return json(200, emulator.objects.get(id));
      }
    }
    json(404, { error: `unknown control endpoint ${method} ${url.pathname}` });
  } catch (err) {
    json(400, { error: String((err as Error).message ?? err) });
  }
}
