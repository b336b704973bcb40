// Answers a test holds back: `GET /held/{id}` waits until the page asks for
// `/held/{id}/release` (or 30 s pass), then answers 404. A test can then look at what the
// page does while a request is in flight, and what it does when the request fails, in that
// order, however busy the machine is. `/held/{id}/hits` says how many requests for
// `/held/{id}` arrived: whether the page asked at all.
export function heldAnswers() {
  /** id → what releases the held requests of that id, and how many arrived */
  const held = new Map();
  const entry = (id) => {
    let e = held.get(id);
    if (!e) {
      let release;
      e = {released: new Promise((r) => (release = r)), hits: 0};
      e.release = release;
      held.set(id, e);
    }
    return e;
  };
  return async (ctx, next) => {
    const m = /^\/held\/([\w-]+)(\/release|\/hits)?$/.exec(ctx.path);
    if (!m) return next();
    const e = entry(m[1]);
    if (m[2] === '/hits') {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = {hits: e.hits};
      return;
    }
    if (m[2]) {
      e.release();
      ctx.status = 204;
      return;
    }
    e.hits++;
    await Promise.race([e.released, new Promise((r) => setTimeout(r, 30_000))]);
    ctx.status = 404;
    ctx.body = 'released';
  };
}
