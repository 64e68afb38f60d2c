import { describe, expect, it } from 'vitest';
import { actorQuadrant, isRepresentationActive, searchKey } from '../src/domain.ts';

describe('actorQuadrant (power/interest matrix)', () => {
  it.each([
    [5, 5, 'MANAGE_CLOSELY'],
    [3, 3, 'MANAGE_CLOSELY'],
    [4, 2, 'KEEP_SATISFIED'],
    [2, 4, 'KEEP_INFORMED'],
    [2, 2, 'MONITOR'],
    [1, 1, 'MONITOR'],
  ] as const)('influence %i, interest %i → %s', (influence, interest, quadrant) => {
    expect(actorQuadrant(influence, interest)).toBe(quadrant);
  });

  it('is unknown until both scores are known', () => {
    expect(actorQuadrant(null, 4)).toBeNull();
    expect(actorQuadrant(4, null)).toBeNull();
  });
});

describe('searchKey', () => {
  it('ignores case and accents', () => {
    expect(searchKey('  Asociación de Usuarios ÑUÑOA ')).toBe('asociacion de usuarios nunoa');
    expect(searchKey('COMITÉ DE ÉTICA')).toBe(searchKey('comite de etica'));
  });
});

describe('isRepresentationActive', () => {
  it('counts both the first and the last day', () => {
    expect(isRepresentationActive('2024-04-01', '2028-03-31', '2024-04-01')).toBe(true);
    expect(isRepresentationActive('2024-04-01', '2028-03-31', '2028-03-31')).toBe(true);
    expect(isRepresentationActive('2024-04-01', '2028-03-31', '2028-04-01')).toBe(false);
    expect(isRepresentationActive('2024-04-01', null, '2024-03-31')).toBe(false);
    expect(isRepresentationActive('2024-04-01', null, '2099-01-01')).toBe(true);
  });
});
