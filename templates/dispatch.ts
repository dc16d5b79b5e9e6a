/**
 * A typed dispatcher: a handler map keyed by tag, each handler receiving the
 * event narrowed to its own type. Copied verbatim into `generated/src/dispatch.ts`.
 */

/** Handlers by tag; each is optional and receives its own event type. */
export type Handlers<Event extends {type: string}, Result> = {
  [Tag in Event['type']]?: (event: Extract<Event, {type: Tag}>) => Result
}

/**
 * Build a function that calls the handler for an event's tag, or `fallback`
 * when there is none.
 *
 * @param handlers handler map keyed by tag.
 * @param fallback called for events without a handler (default: returns `undefined`).
 * @returns the dispatch function.
 */
export function createDispatcher<Event extends {type: string}, Result = void>(
  handlers: Handlers<Event, Result>,
  fallback?: (event: Event) => Result,
): (event: Event) => Result | undefined {
  return (event) => {
    // Own properties only: a tag such as `constructor` must not reach Object.prototype.
    const handler = Object.hasOwn(handlers, event.type)
      ? (handlers[event.type as Event['type']] as ((event: Event) => Result) | undefined)
      : undefined
    if (handler) return handler(event)
    return fallback ? fallback(event) : undefined
  }
}
