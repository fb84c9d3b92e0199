// Base of the SSE stream trackers: the bytes go to the client untouched while a copy runs through
// the providers' incremental SSE parser; subclasses read the events they care about.

import { SseParser, type SseEvent } from "../../providers/sse";
import type { TraceUsage } from "../trace-hook";
import type { StreamTracker } from "./types";

export abstract class SseTracker implements StreamTracker {
  complete = false;
  upstreamError: string | null = null;
  private readonly parser = new SseParser();

  constructor(protected readonly capturing: boolean) {}

  push(bytes: Uint8Array): Uint8Array {
    for (const event of this.parser.push(bytes)) this.onEvent(event);
    return bytes;
  }

  end(): Uint8Array | null {
    for (const event of this.parser.end()) this.onEvent(event);
    return null;
  }

  abstract usage(): TraceUsage | null;
  abstract result(): unknown;
  protected abstract onEvent(event: SseEvent): void;
}

/** An event's JSON data, or undefined when it is not a JSON object (relayed regardless; it just
 * cannot be measured). */
export function parseData(data: string): Record<string, any> | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, any>) : undefined;
  } catch {
    return undefined;
  }
}

/** `event: <name>` + `data: <json>` framing. */
export function sseEvent(name: string | null, data: unknown): string {
  return `${name === null ? "" : `event: ${name}\n`}data: ${JSON.stringify(data)}\n\n`;
}
