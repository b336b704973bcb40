// Answers a test holds back: `GET /held/{id}` waits until the page asks for
// `/held/{id}/release` (or 30 s pass), then answers 404. A test can then look at what the
// page does while a request is in flight, and what it does when the request fails, in that
// order, however busy the machine is.
export function heldAnswers() {
  /** id → what releases the held requests of that id, and whether it was released already */
  const held = new Map();
  const entry = (id) => {
    let e = held.get(id);
    if (!e) {
      let release;
      e = {released: new Promise((r) => (release = r))};
      e.release = release;
      held.set(id, e);
    }
    return e;
  };
  return async (ctx, next) => {
    const m = /^\/held\/([\w-]+)(\/release)?$/.exec(ctx.path);
    if (!m) return next();
    const e = entry(m[1]);
    if (m[2]) {
      e.release();
      ctx.status = 204;
      return;
    }
    await Promise.race([e.released, new Promise((r) => setTimeout(r, 30_000))]);
    ctx.status = 404;
    ctx.body = 'released';
  };
}
