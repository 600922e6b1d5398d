import { describe, expect, it } from 'vitest';
import type { CaseAccess } from '../cases/access.js';
import { canAddEvidence, canExportCase, canSeeEvidence, mayServeInline } from './access.js';

const affected: CaseAccess = { kind: 'affected', roles: ['staff'] };
const supervisor: CaseAccess = { kind: 'participant', roles: ['supervisor'] };
const union: CaseAccess = { kind: 'participant', roles: ['union'] };
const grant: CaseAccess = { kind: 'grant', roles: [] };

describe('who may see, add and export evidence', () => {
  it('shows evidence to the union only with the union_notice consent', () => {
    expect(canSeeEvidence(union, false)).toBe(false);
    expect(canSeeEvidence(union, true)).toBe(true);
    expect(canSeeEvidence(supervisor, false)).toBe(true);
    expect(canSeeEvidence(grant, false)).toBe(true);
  });

  it('lets the affected person and participants who see evidence add some; grant holders only read', () => {
    expect(canAddEvidence(affected, false)).toBe(true);
    expect(canAddEvidence(supervisor, false)).toBe(true);
    expect(canAddEvidence(union, false)).toBe(false);
    expect(canAddEvidence(union, true)).toBe(true);
    expect(canAddEvidence(grant, false)).toBe(false);
  });

  it('lets the affected person and participants other than the union export', () => {
    expect(canExportCase(affected)).toBe(true);
    expect(canExportCase(supervisor)).toBe(true);
    expect(canExportCase(union)).toBe(false);
    expect(canExportCase({ kind: 'participant', roles: ['union', 'hr'] })).toBe(true);
    expect(canExportCase(grant)).toBe(false);
  });

  it('shows inline only our own preview images, never uploads, HTML or SVG', () => {
    expect(mayServeInline('thumbnail', 'image/jpeg')).toBe(true);
    expect(mayServeInline('screenshot', 'image/png')).toBe(true);
    expect(mayServeInline('upload', 'image/jpeg')).toBe(false);
    expect(mayServeInline('html', 'text/html')).toBe(false);
    expect(mayServeInline('screenshot', 'image/svg+xml')).toBe(false);
  });
});
