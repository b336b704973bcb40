import '../setup.js';
import {expect} from '@open-wc/testing';
import {uuid} from '../../src/internal/id.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuid', () => {
  it('returns distinct version 4 ids', () => {
    const ids = new Set(Array.from({length: 200}, uuid));
    expect(ids.size).to.equal(200);
    for (const id of ids) expect(id).to.match(V4);
  });

  it('builds them from getRandomValues where randomUUID is missing (plain-HTTP pages)', () => {
    // Pages served over plain HTTP are not secure contexts and have no crypto.randomUUID.
    Object.defineProperty(crypto, 'randomUUID', {value: undefined, configurable: true});
    try {
      const ids = new Set(Array.from({length: 200}, uuid));
      expect(ids.size).to.equal(200);
      for (const id of ids) expect(id).to.match(V4);
    } finally {
      delete (crypto as {randomUUID?: unknown}).randomUUID;
    }
    expect(crypto.randomUUID).to.be.a('function');
  });
});
