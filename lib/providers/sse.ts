// Incremental Server-Sent Events parser (https://html.spec.whatwg.org/multipage/server-sent-events.html)
// for upstream provider streams. Bytes in, complete events out; handles events split across
// network chunks, multi-line `data:` fields, comments and CRLF line endings.

export interface SseEvent {
  /** The `event:` field; undefined for the default "message" type. */
  event: string | undefined;
  /** `data:` lines joined with "\n". */
  data: string;
  id: string | undefined;
}

export class SseParser {
  private readonly decoder = new TextDecoder();
  private buffer = "";
  private data: string[] = [];
  private event: string | undefined = undefined;
  private id: string | undefined = undefined;

  /** Feeds bytes; returns the events they complete. */
  push(bytes: Uint8Array): SseEvent[] {
    this.buffer += this.decoder.decode(bytes, { stream: true });
    return this.drain();
  }

  /** Upstream closed: flushes a final event that lacked its blank line. */
  end(): SseEvent[] {
    this.buffer += this.decoder.decode();
    const events = this.drain();
    if (this.buffer.length > 0) {
      this.line(this.buffer.endsWith("\r") ? this.buffer.slice(0, -1) : this.buffer, events);
      this.buffer = "";
    }
    this.dispatch(events);
    return events;
  }

  private drain(): SseEvent[] {
    const events: SseEvent[] = [];
    const buf = this.buffer;
    let start = 0;
    let nl = buf.indexOf("\n", start);
    while (nl !== -1) {
      const end = nl > start && buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.line(buf.slice(start, end), events);
      start = nl + 1;
      nl = buf.indexOf("\n", start);
    }
    this.buffer = start === 0 ? buf : buf.slice(start);
    return events;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line.length === 0) {
      this.dispatch(events);
      return;
    }
    if (line.charCodeAt(0) === 58 /* ':' comment */) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.event = value;
    else if (field === "id") this.id = value;
    // `retry` and unknown fields are ignored, as the spec requires.
  }

  private dispatch(events: SseEvent[]): void {
    if (this.data.length === 0) {
      // The spec drops events without data (only their type is reset).
      this.event = undefined;
      return;
    }
    events.push({
      event: this.event,
      data: this.data.length === 1 ? this.data[0] : this.data.join("\n"),
      id: this.id,
    });
    this.data = [];
    this.event = undefined;
  }
}
