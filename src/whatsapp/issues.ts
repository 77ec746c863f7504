import type * as v from 'valibot';

/**
 * Union issues nest the reasons of each option. When an option got further into the value than the
 * union itself (an object that matched in part), its deepest reasons are the useful ones; otherwise
 * the union's own message says it best. Both wire protocols name refused fields with it.
 */
export function deepestIssues(issues: readonly v.BaseIssue<unknown>[]): v.BaseIssue<unknown>[] {
  const out: v.BaseIssue<unknown>[] = [];
  for (const issue of issues) {
    const own = issue.path?.length ?? 0;
    if ((issue.type === 'union' || issue.type === 'variant') && issue.issues?.length) {
      const nested = deepestIssues(issue.issues);
      const longest = Math.max(...nested.map((i) => i.path?.length ?? 0));
      if (longest > own) {
        out.push(...nested.filter((i) => (i.path?.length ?? 0) === longest));
        continue;
      }
    }
    out.push(issue);
  }
  return out;
}
