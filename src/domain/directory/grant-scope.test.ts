import { describe, expect, it } from 'vitest';
import { grantScopeIssues } from './grant-scope.js';

describe('grant scope', () => {
  it('requires a unit for supervisors and an association for union grants', () => {
    expect(grantScopeIssues('supervisor', null, null)).toEqual([{ field: 'unitId', code: 'scope_required' }]);
    expect(grantScopeIssues('union', null, null)).toEqual([{ field: 'associationId', code: 'scope_required' }]);
    expect(grantScopeIssues('supervisor', 'u', null)).toEqual([]);
    expect(grantScopeIssues('union', null, 'a')).toEqual([]);
  });

  it('keeps every other role organisation-wide', () => {
    expect(grantScopeIssues('hr', 'u', 'a')).toEqual([
      { field: 'unitId', code: 'scope_forbidden' },
      { field: 'associationId', code: 'scope_forbidden' },
    ]);
    expect(grantScopeIssues('supervisor', 'u', 'a')).toEqual([{ field: 'associationId', code: 'scope_forbidden' }]);
    expect(grantScopeIssues('admin', null, null)).toEqual([]);
  });
});
